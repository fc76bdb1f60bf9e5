// The lint rule on layers reads .ts files; this one reads the .svelte components, which lint
// does not parse: the renderer imports neither Node, nor electron, nor main/ code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const renderer = fileURLToPath(new URL('../../../src/renderer/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('renderer layering', () => {
  it('no component imports node:, electron or main/', () => {
    const offenders = files(renderer)
      .filter((f) => /\.(svelte|ts)$/.test(f))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => `${f}: ${m[1]}`))
      .filter((line) => /: (node:|electron$|fs$|path$|child_process$|os$|.*\/main\/)/.test(line));
    expect(offenders).toEqual([]);
  });
});
