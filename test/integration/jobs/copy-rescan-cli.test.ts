/**
 * The command line, as a user meets it: `procpool copy` of a source with a folder chmod 000
 * fails (exit 1) naming it; once its permissions are fixed, `procpool jobs resume ID` copies
 * what it holds (exit 0). Run as an unprivileged user (uid 65534) when the tests run as
 * root, who may read anything. Needs the built command line (`npm run build`).
 */
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { differences, removeTree, scratch, snapshot } from '../../fixtures/jobs-tree.js';

const bin = fileURLToPath(new URL('../../../bin/procpool.js', import.meta.url));
const built = fileURLToPath(new URL('../../../dist/main/cli/index.js', import.meta.url));
const asRoot = process.getuid?.() === 0;
const nobody = 65534;

let root: string;
afterEach(() => removeTree(root));

function procpool(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, PROCPOOL_DB: '', HOME: root },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(asRoot && { uid: nobody, gid: nobody }),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Everything under `path` belongs to the user the command runs as. */
function handOver(path: string): void {
  if (!asRoot) return;
  chownSync(path, nobody, nobody);
}

describe('procpool jobs resume lists again a folder the copy could not read', () => {
  it('copy fails naming the folder (exit 1); chmod it back, `jobs resume ID`: exit 0 and every file arrived', async () => {
    if (!existsSync(built)) throw new Error(`${built} is missing: run 'npm run build' first`);
    root = scratch('procpool-rescan-cli-');
    chmodSync(root, 0o755);
    handOver(root);
    const source = join(root, 'source');
    const locked = join(source, 'locked');
    mkdirSync(join(locked, 'deeper'), { recursive: true });
    writeFileSync(join(source, 'ok.txt'), 'ok');
    writeFileSync(join(locked, 'a.txt'), 'alpha');
    writeFileSync(join(locked, 'deeper', 'b.txt'), 'bravo');
    for (const path of [source, locked, join(locked, 'deeper'), join(source, 'ok.txt'), join(locked, 'a.txt'), join(locked, 'deeper', 'b.txt')]) handOver(path);
    chmodSync(locked, 0);
    const destination = join(root, 'out');
    const db = join(root, 'state.db');

    const first = await procpool(['copy', source, destination, '--db', db, '--json']);
    chmodSync(locked, 0o755);
    expect(first.code).toBe(1);
    const summary = first.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>).at(-1)!;
    expect(summary).toMatchObject({ status: 'failed', itemsTotal: 3, itemsFailed: 1 });
    expect(JSON.stringify(summary)).toContain(`cannot read the folder ${locked}: permission denied`);
    const id = String(summary.id);

    const resumed = await procpool(['jobs', 'resume', id, '--db', db, '--json']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const end = resumed.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>).at(-1)!;
    expect(end).toMatchObject({ status: 'done', itemsTotal: 6, itemsDone: 6, itemsFailed: 0 });
    expect(differences(snapshot(source), snapshot(destination))).toEqual([]);
  });
});
