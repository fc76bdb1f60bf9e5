import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Pool } from '../../../src/main/index.js';
import { tasks } from '../../helpers.js';

let pool: Pool | undefined;
let folder: string | undefined;
afterEach(async () => {
  await pool?.terminate();
  pool = undefined;
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

/** Short tasks first, so that the pool sends tasks several at a time (queued behind a running one). */
async function warmPool(): Promise<Pool> {
  const warm = new Pool({ processes: 2, module: tasks });
  await warm.map('square', Array.from({ length: 1000 }, (_, i) => i), { chunksize: 1 });
  return warm;
}

describe('a task never waits behind a long one while a worker idles', () => {
  it('tasks queued behind a task that never ends run on the other worker once it is free (Python: 4 and 9)', async () => {
    pool = await warmPool();
    const never = pool.applyAsync('waitForAbort');
    const slow = pool.applyAsync('sleep', [200]);
    const squares = [pool.applyAsync('square', [2]), pool.applyAsync('square', [3])];
    expect(await squares[0]!.get(3000)).toBe(4);
    expect(await squares[1]!.get(3000)).toBe(9);
    expect(await slow.get(3000)).toBe(200);
    expect(never.ready()).toBe(false);
  });

  // A worker in a busy loop hears nothing until the loop ends: its queue is given back then.
  it('tasks queued behind a busy loop are given back when it ends and run once each, none twice', async () => {
    pool = await warmPool();
    folder = mkdtempSync(join(tmpdir(), 'procpool-dispatch-'));
    const log = join(folder, 'runs.log');
    const spinning = pool.applyAsync('spin', [400]);
    const slow = pool.applyAsync('sleep', [100]);
    const behind = Array.from({ length: 10 }, (_, i) => pool!.applyAsync('recordRun', [log, i]));
    const results = await Promise.all(behind.map((r) => r.get(5000)));
    expect(results).toEqual([...Array(10).keys()]);
    await slow.get();
    await spinning.get(5000);
    const runs = readFileSync(log, 'utf8').trim().split('\n').map(Number);
    expect(runs.sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
  });
});
