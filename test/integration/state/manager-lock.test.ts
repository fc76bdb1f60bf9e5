/** Two processes increment one manager dict key under one manager lock: no update is lost. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Manager, Process } from '../../../src/main/index.js';

const stateTasks = fileURLToPath(new URL('../../fixtures/state-tasks.ts', import.meta.url));

let manager: Manager | undefined;
let dir: string | undefined;
afterEach(async () => {
  await manager?.shutdown();
  if (dir) rmSync(dir, { recursive: true, force: true });
  manager = dir = undefined;
});

describe('manager lock across processes', () => {
  it('two processes × 300 increments under the lock give exactly 600, kept in the file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'procpool-lock-'));
    const file = join(dir, 'state.db');
    manager = await Manager.start({ path: file });
    const d = manager.dict<number>('counts');
    await d.set('counter', 0);
    const lock = manager.lock('counter-lock');
    const processes = [0, 1].map(
      () => new Process({ target: { module: stateTasks, name: 'incrementUnderLock' }, args: [d, lock, 300] }),
    );
    for (const p of processes) p.start();
    for (const p of processes) await p.join();
    expect(processes.map((p) => p.exitcode)).toEqual([0, 0]);
    expect(await d.get('counter')).toBe(600);
    await manager.shutdown();
    manager = await Manager.start({ path: file });
    expect(await manager.dict('counts').get('counter')).toBe(600);
  });
});
