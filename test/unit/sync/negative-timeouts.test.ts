/**
 * A negative timeout is no wait at all, as in Python's multiprocessing (each case below is
 * what Python 3.11 does with timeout=-1); only the manager's queue refuses one, as Python's
 * manager queue (a queue.Queue) does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  Barrier,
  BrokenBarrierError,
  Condition,
  Event,
  Lock,
  Manager,
  Pipe,
  Queue,
  QueueEmptyError,
  QueueFullError,
  Semaphore,
  ValueError,
} from '../../../src/main/index.js';

/** Runs `fn` and says how long it took, in ms. */
async function timed<T>(fn: () => Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> {
  const start = performance.now();
  try {
    return { value: await fn(), ms: performance.now() - start };
  } catch (error) {
    return { error, ms: performance.now() - start };
  }
}

let manager: Manager | undefined;
afterEach(async () => {
  await manager?.shutdown();
  manager = undefined;
});

describe('negative timeouts mean no wait, as in Python', () => {
  it('Queue.get on an empty queue raises QueueEmptyError at once; put on a full one QueueFullError', async () => {
    const empty = new Queue();
    const got = await timed(() => empty.get({ timeout: -1 }));
    expect(got.error).toBeInstanceOf(QueueEmptyError);
    expect(got.ms).toBeLessThan(500);
    const full = new Queue(1);
    await full.put('a');
    expect((await timed(() => full.put('b', { timeout: -5 }))).error).toBeInstanceOf(QueueFullError);
    await new Queue().put('fits', { timeout: -1 });
  });

  it('Lock and Semaphore acquire only if they can at once', async () => {
    const lock = new Lock();
    expect(await lock.acquire({ timeout: -1 })).toBe(true);
    const held = await timed(() => lock.acquire({ timeout: -1 }));
    expect(held.value).toBe(false);
    expect(held.ms).toBeLessThan(500);
    expect(await new Semaphore(0).acquire({ timeout: -1 })).toBe(false);
  });

  it('Event.wait and Condition.wait/waitFor answer at once', async () => {
    expect(await new Event().wait(-1)).toBe(false);
    const condition = new Condition();
    await condition.acquire();
    expect(await condition.wait(-1)).toBe(false);
    expect(await condition.waitFor(() => false, -1)).toBe(false);
    await condition.release();
  });

  it('Barrier.wait breaks the barrier at once; Connection.poll says whether something waits', async () => {
    const barrier = new Barrier(2);
    expect((await timed(() => barrier.wait(-1))).error).toBeInstanceOf(BrokenBarrierError);
    const [a, b] = Pipe();
    expect(await a.poll(-1)).toBe(false);
    await b.send('x');
    expect(await a.poll(-1)).toBe(true);
  });

  it("the manager's queue refuses a negative timeout with ValueError, as Python's does (unless it does not block)", async () => {
    manager = await Manager.start();
    const queue = manager.queue();
    await expect(queue.get({ timeout: -1 })).rejects.toThrow(ValueError);
    await expect(queue.get({ block: false, timeout: -1 })).rejects.toThrow(QueueEmptyError);
  });

  it('a timeout that is not a number is refused, saying where', async () => {
    await expect(new Lock().acquire({ timeout: Number.NaN })).rejects.toThrow('Lock.acquire(): timeout must be a number of milliseconds, got NaN');
    await expect(new Event().wait('soon' as unknown as number)).rejects.toThrow(ValueError);
  });
});
