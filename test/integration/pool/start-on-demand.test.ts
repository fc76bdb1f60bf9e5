import { afterEach, describe, expect, it } from 'vitest';
import { Pool } from '../../../src/main/index.js';
import { PoolHolder } from '../../../src/main/jobs/pool-holder.js';
import { tasks, until } from '../../helpers.js';

let pool: Pool | undefined;
afterEach(async () => {
  await pool?.terminate();
  pool = undefined;
});

const pids = (p: Pool): number[] => p.workers().map((w) => w.pid);

describe('Pool({ startOnDemand })', () => {
  it('starts no worker before work comes, then one for a single task', async () => {
    pool = new Pool({ processes: 8, module: tasks, startOnDemand: true });
    expect(pool.workers()).toEqual([]);
    expect(pool.processes).toBe(8);
    expect(await pool.apply('square', [6])).toBe(36);
    expect(pool.workers()).toHaveLength(1);
    // Sequential calls keep to the one idle worker.
    for (let i = 0; i < 5; i++) await pool.apply('square', [i]);
    expect(pool.workers()).toHaveLength(1);
  });

  it('starts as many workers as tasks wait, never more than processes', async () => {
    pool = new Pool({ processes: 3, module: tasks, startOnDemand: true });
    const two = [pool.apply<{ pid: number }>('pidAfter', [300]), pool.apply<{ pid: number }>('pidAfter', [300])];
    expect(pool.workers()).toHaveLength(2);
    const ran = await Promise.all(two);
    expect(new Set(ran.map((r) => r.pid)).size).toBe(2);

    const ten = pool.mapAsync<{ pid: number }>('pidAfter', Array.from({ length: 10 }, () => 100), { chunksize: 1 });
    expect(pool.workers()).toHaveLength(3);
    const ranOn = new Set((await ten.get()).map((r) => r.pid));
    expect(ranOn.size).toBeLessThanOrEqual(3);
    expect([...ranOn].every((pid) => pids(pool!).includes(pid))).toBe(true);
  });

  it('replaces a killed worker only when work waits for one, and runs that work', async () => {
    pool = new Pool({ processes: 2, module: tasks, startOnDemand: true });
    await Promise.all([pool.apply('sleep', [200]), pool.apply('sleep', [200])]);
    const [first, second] = pids(pool);
    await pool.killWorker(first!);
    await until(() => !pids(pool!).includes(first!));
    expect(pids(pool)).toEqual([second]);

    const both = await Promise.all([pool.apply<{ pid: number }>('pidAfter', [300]), pool.apply<{ pid: number }>('pidAfter', [300])]);
    expect(pool.workers()).toHaveLength(2);
    expect(both.map((r) => r.pid)).not.toContain(first);
  });

  it('grows by resize() only as work needs it, and join() after close() ends with no work done', async () => {
    pool = new Pool({ processes: 1, module: tasks, startOnDemand: true });
    await pool.resize(4);
    expect(pool.workers()).toEqual([]);
    expect(await pool.map('square', [1, 2, 3], { chunksize: 1 })).toEqual([1, 4, 9]);
    expect(pool.workers().length).toBeGreaterThanOrEqual(1);
    expect(pool.workers().length).toBeLessThanOrEqual(3);
    pool.close();
    await pool.join();
    expect(pool.workers()).toEqual([]);

    const idle = new Pool({ processes: 2, module: tasks, startOnDemand: true });
    idle.close();
    await idle.join();
    expect(idle.workers()).toEqual([]);
  });

  it('without it, every worker starts at once, as Python does', async () => {
    pool = new Pool({ processes: 3, module: tasks });
    expect(pool.workers()).toHaveLength(3);
  });

  it("is the command line's pool: a job's pool starts the workers its tasks use", async () => {
    const holder = new PoolHolder({ processes: 64, startOnDemand: true });
    try {
      expect(await holder.apply({ module: tasks, name: 'square' }, [3])).toBe(9);
      expect(holder.workers()).toHaveLength(1);
      expect(holder.processes).toBe(64);
    } finally {
      await holder.terminate();
    }
  });
});
