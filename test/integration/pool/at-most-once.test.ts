import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Pool, WorkerExitedError } from '../../../src/main/index.js';
import { tasks } from '../../helpers.js';

let pool: Pool | undefined;
let folder: string | undefined;
afterEach(async () => {
  await pool?.terminate();
  pool = undefined;
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

describe('retries: 0 means a task runs at most once', () => {
  it('workers kill -9d while they hold batches of short tasks: no task runs twice, each has its result or a WorkerExitedError', async () => {
    folder = mkdtempSync(join(tmpdir(), 'procpool-once-'));
    const log = join(folder, 'runs.log');
    pool = new Pool({ processes: 2, module: tasks, retries: 0 });
    // Short tasks first, so that the pool sends them several at a time.
    await pool.map('square', Array.from({ length: 2000 }, (_, i) => i), { chunksize: 1 });

    const kills = 4;
    let killed = 0;
    let ended = 0;
    pool.on('task:end', () => {
      if (++ended % 100 !== 0 || killed >= kills) return;
      // A moment later: mid-batch, some of its tasks run and their results not sent yet.
      setTimeout(() => {
        const victim = pool!.workers().find((w) => w.state === 'busy');
        if (!victim || killed >= kills) return;
        killed++;
        process.kill(victim.pid, 'SIGKILL');
      }, 1);
    });
    const count = 2000;
    const outcomes = await Promise.allSettled(Array.from({ length: count }, (_, i) => pool!.applyAsync('recordRun', [log, i]).get()));

    const runs = new Map<number, number>();
    for (const id of readFileSync(log, 'utf8').trim().split('\n').map(Number)) runs.set(id, (runs.get(id) ?? 0) + 1);
    const twice = [...runs].filter(([, n]) => n > 1).map(([id]) => id);
    expect(killed).toBe(kills);
    expect(twice.length, `tasks run twice, e.g. ${twice.slice(0, 5).join(', ')}`).toBe(0);
    const failed = outcomes.flatMap((outcome, id) => (outcome.status === 'rejected' ? [{ id, error: outcome.reason as Error }] : []));
    for (const { error } of failed) expect(error).toBeInstanceOf(WorkerExitedError);
    // Each kill cost at most the one task its worker was running.
    expect(failed.length).toBeLessThanOrEqual(kills);
    outcomes.forEach((outcome, id) => {
      if (outcome.status === 'fulfilled') {
        expect(outcome.value).toBe(id);
        expect(runs.get(id)).toBe(1);
      }
    });
  });
});
