import { afterEach, describe, expect, it } from 'vitest';
import { AbortError, Pool, TimeoutError, WorkerExitedError } from '../../../src/main/index.js';
import { pidAlive, tasks, until } from '../../helpers.js';

let pool: Pool | undefined;
afterEach(async () => {
  await pool?.terminate();
  pool = undefined;
});

describe('A worker that dies never hangs the pool', () => {
  it('10: a task that kills its own worker mid-map rejects the map with WorkerExitedError, and the pool keeps working', async () => {
    pool = new Pool({ processes: 2, module: tasks });
    const started = Date.now();
    const error = await pool.starmap('squareOrDie', Array.from({ length: 20 }, (_, i) => [i, 7]), { chunksize: 1 }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(WorkerExitedError);
    const exited = error as WorkerExitedError;
    expect(exited.signal).toBe('SIGKILL');
    expect(exited.exitcode).toBe(-9);
    expect(exited.pid).toBeTypeOf('number');
    expect(exited.message).toMatch(/exited with signal SIGKILL while running task/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await pool.map('square', [1, 2, 3])).toEqual([1, 4, 9]);
    await until(() => pool!.workers().length === 2 && pool!.workers().every((w) => w.state !== 'starting'));
  });

  it('process.exit in a task rejects with WorkerExitedError carrying the exit code', async () => {
    pool = new Pool({ processes: 1, module: tasks });
    const error = (await pool.apply('exit', [3]).catch((e: Error) => e)) as WorkerExitedError;
    expect(error.name).toBe('WorkerExitedError');
    expect(error.exitcode).toBe(3);
    expect(error.signal).toBeNull();
  });

  it('retries the task of a dying worker up to `retries` times, then rejects', async () => {
    pool = new Pool({ processes: 1, module: tasks, retries: 2 });
    const exits: number[] = [];
    pool.on('worker:exit', ({ pid }) => exits.push(pid));
    await expect(pool.apply('killSelf')).rejects.toThrow(/attempt 3/);
    expect(exits).toHaveLength(3);
  });

  it('a retried task can succeed on a fresh worker', async () => {
    pool = new Pool({ processes: 1, retries: 1, module: tasks });
    const marker = `/tmp/procpool-retry-${process.pid}-${Date.now()}`;
    const result = await pool.apply('dieOnce', [marker]);
    expect(result).toBe('second time lucky');
  });

  it('a worker that dies holding several tasks loses none and blames only the one that killed it', async () => {
    pool = new Pool({ processes: 2, module: tasks });
    // Short tasks first so the pool sends several at a time, then one that kills its worker.
    await pool.map('square', Array.from({ length: 2000 }, (_, i) => i), { chunksize: 1 });
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => pool!.apply('squareOrDie', [i, 50])),
    );
    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(199);
  });

  it('an initializer that throws fails the pending work with its error instead of respawning forever', async () => {
    pool = new Pool({ processes: 2, module: tasks, initializer: 'initFails' });
    const spawned: number[] = [];
    pool.on('worker:start', ({ pid }) => spawned.push(pid));
    const error = await pool.map('square', [1, 2, 3]).catch((e: Error) => e);
    expect((error as Error).name).toBe('TypeError');
    expect((error as Error).message).toBe('initializer refused: no config');
    await expect(pool.apply('square', [1])).rejects.toThrow('initializer refused');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(spawned).toHaveLength(0);
  });
});

describe('Per-task timeout and AbortSignal', () => {
  // A time bound: on a loaded 2-core machine a starved run is tried again, the bound kept.
  it('a task over its timeout rejects with TimeoutError; one that ignores its signal is killed after the grace period', { retry: 2 }, async () => {
    pool = new Pool({ processes: 1, module: tasks, graceMs: 200 });
    const exits: number[] = [];
    pool.on('worker:exit', ({ pid }) => exits.push(pid));
    const started = Date.now();
    await expect(pool.apply('spin', [20_000], undefined, { timeout: 300 })).rejects.toThrow(TimeoutError);
    expect(Date.now() - started).toBeLessThan(1500);
    await until(() => exits.length === 1, 3000, 'the stuck worker to be killed');
    expect(await pool.apply('square', [3])).toBe(9);
  });

  it('a task that honours its signal stops cleanly and its worker lives on', async () => {
    pool = new Pool({ processes: 1, module: tasks, graceMs: 2000 });
    const [before] = pool.workers().map((w) => w.pid);
    await expect(pool.apply('waitForAbort', [], undefined, { timeout: 200 })).rejects.toThrow(TimeoutError);
    expect(await pool.apply('square', [2])).toBe(4);
    expect(pool.workers().map((w) => w.pid)).toEqual([before]);
  });

  it('aborting an AbortSignal cancels a running task and a queued one', async () => {
    pool = new Pool({ processes: 1, module: tasks });
    const controller = new AbortController();
    const running = pool.apply('waitForAbort', [], undefined, { signal: controller.signal });
    const queued = pool.apply('square', [5], undefined, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort();
    await expect(running).rejects.toThrow(AbortError);
    await expect(queued).rejects.toThrow(AbortError);
    await expect(pool.apply('square', [1], undefined, { signal: AbortSignal.abort() })).rejects.toThrow(AbortError);
    expect(await pool.apply('square', [6])).toBe(36);
  });

  it('map takes a timeout for each of its chunks', async () => {
    pool = new Pool({ processes: 2, module: tasks, graceMs: 100 });
    await expect(pool.map('sleep', [10, 5000], { chunksize: 1, timeout: 300 })).rejects.toThrow(TimeoutError);
  });
});

describe('Killing and terminating one worker', () => {
  it('killWorker: its task rejects with WorkerExitedError, the PID leaves the system, a new worker takes its place', async () => {
    pool = new Pool({ processes: 2, module: tasks, retries: 3 });
    const running = pool.apply('sleep', [10_000]);
    await until(() => pool!.workers().some((w) => w.state === 'busy'));
    const victim = pool.workers().find((w) => w.state === 'busy')!;
    expect(victim.taskId).toBeTypeOf('number');
    await pool.killWorker(victim.pid);
    const error = (await running.catch((e: Error) => e)) as WorkerExitedError;
    expect(error).toBeInstanceOf(WorkerExitedError); // a user's kill is never retried
    expect(error.signal).toBe('SIGKILL');
    expect(pidAlive(victim.pid)).toBe(false);
    await until(() => pool!.workers().length === 2);
    expect(pool.workers().map((w) => w.pid)).not.toContain(victim.pid);
  });

  it('terminateWorker sends SIGTERM and the pool replaces the worker', async () => {
    pool = new Pool({ processes: 1, module: tasks });
    await pool.apply('square', [1]);
    const [worker] = pool.workers();
    const exits: Array<{ pid: number; exitcode: number }> = [];
    pool.on('worker:exit', (e) => exits.push(e));
    await pool.terminateWorker(worker!.pid);
    expect(exits).toEqual([expect.objectContaining({ pid: worker!.pid, exitcode: -15 })]);
    expect(await pool.apply('square', [4])).toBe(16);
    expect(pool.workers()[0]!.pid).not.toBe(worker!.pid);
  });

  it('killing a worker also ends the processes its task started', async () => {
    pool = new Pool({ processes: 1, module: tasks });
    const pidFile = `/tmp/procpool-sleeper-${process.pid}-${Date.now()}`;
    const running = pool.apply('spawnSleeper', [pidFile]).catch(() => 'killed');
    const { readFileSync } = await import('node:fs');
    let sleeper = 0;
    await until(() => {
      try {
        sleeper = Number(readFileSync(pidFile, 'utf8'));
        return sleeper > 0;
      } catch {
        return false;
      }
    });
    await pool.killWorker(pool.workers()[0]!.pid);
    expect(await running).toBe('killed');
    await until(() => !pidAlive(sleeper), 2000, 'the sleeper to end');
  });

  it('an unknown PID is a clear error', async () => {
    pool = new Pool({ processes: 1 });
    await expect(pool.killWorker(1)).rejects.toThrow(/no worker with pid 1 in this pool/);
  });
});
