import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rendererUrl } from '../../../src/main/app/app-paths.js';

const devServer = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };

describe('the page the trusted window loads', () => {
  it("is the built index.html in a packaged app, whatever ELECTRON_RENDERER_URL says", () => {
    for (const url of ['http://localhost:5173/', 'http://127.0.0.1:8080/evil.html']) {
      expect(rendererUrl({ ELECTRON_RENDERER_URL: url }, true)).toMatch(/^file:\/\/.*\/renderer\/index\.html$/);
    }
  });

  it('is the dev server in development, and only one on this machine', () => {
    expect(rendererUrl(devServer, false)).toBe('http://localhost:5173/');
    expect(rendererUrl({ ELECTRON_RENDERER_URL: 'https://example.com/' }, false)).toMatch(/^file:/);
    expect(rendererUrl({}, false)).toMatch(/^file:/);
  });
});

/** The `electronFuses:` block of electron-builder.yml, as name → value. */
function fuses(): Record<string, string> {
  const yml = readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8');
  const block = /^electronFuses:\n((?:[ \t]+.*\n)+)/m.exec(yml)?.[1] ?? '';
  return Object.fromEntries([...block.matchAll(/^\s+(\w+):\s*(\w+)/gm)].map((m) => [m[1]!, m[2]!]));
}

describe('the packaged binary (electron-builder fuses)', () => {
  it('keeps ELECTRON_RUN_AS_NODE working (workers are this binary run as Node) and closes the other ways in', () => {
    expect(fuses()).toEqual({
      runAsNode: 'true',
      enableCookieEncryption: 'true',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
    });
  });
});
