/** Each primitive used from worker processes: Barrier, Condition, Semaphore, and queues with a pool. */
import { afterEach, describe, expect, it } from 'vitest';
import {
  Barrier,
  BoundedSemaphore,
  BrokenBarrierError,
  Condition,
  Event,
  JoinableQueue,
  Lock,
  Pool,
  Process,
  Queue,
  Value,
} from '../../../src/main/index.js';
import { task } from './fixture.js';

let pool: Pool | undefined;
afterEach(async () => {
  await pool?.terminate();
  pool = undefined;
});

describe('primitives in workers', () => {
  it('a Barrier releases three processes together with distinct indexes, running its action once', async () => {
    let actions = 0;
    const barrier = new Barrier(3, { action: () => actions++ });
    pool = new Pool({ processes: 3 });
    const indexes = await Promise.all([0, 1, 2].map(() => pool!.apply(task('waitAtBarrier'), [barrier, 10_000])));
    expect(indexes.sort()).toEqual([0, 1, 2]);
    expect(actions).toBe(1);
  });

  it('a Barrier whose wait times out breaks, for the other waiter too', async () => {
    const barrier = new Barrier(3);
    pool = new Pool({ processes: 2 });
    const results = await Promise.allSettled([pool.apply(task('waitAtBarrier'), [barrier]), pool.apply(task('waitAtBarrier'), [barrier, 300])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    for (const r of results) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(BrokenBarrierError);
    expect(barrier.broken).toBe(true);
  });

  it('Condition.waitFor() in a worker wakes when other workers change the value and notify', async () => {
    const cond = new Condition();
    const value = new Value('i', 0, { lock: false });
    pool = new Pool({ processes: 2 });
    const waiting = pool.apply(task('waitForValue'), [cond, value, 3]);
    for (let i = 0; i < 3; i++) await pool.apply(task('bumpAndNotify'), [cond, value]);
    expect(await waiting).toBe(3);
  });

  it('a BoundedSemaphore counts a worker slot and refuses its over-release', async () => {
    const sem = new BoundedSemaphore(2);
    pool = new Pool({ processes: 1 });
    expect(await pool.apply(task('semaphoreRoundTrip'), [sem])).toEqual({ during: 1, overRelease: 'ValueError' });
    expect(sem.getValue()).toBe(2);
  });

  it("a pool task's puts are all in the queue when its result arrives", async () => {
    const q = new Queue<number>();
    pool = new Pool({ processes: 1 });
    expect(await pool.apply(task('putNumbers'), [q, 20_000])).toBe(20_000);
    expect(q.qsize()).toBe(20_000);
    expect(q.getNowait()).toBe(0);
  });

  it('failure cases in a worker reject with the same errors as in the parent', async () => {
    pool = new Pool({ processes: 1 });
    const names = await pool.apply(task('workerFailures'), [new Lock(), new JoinableQueue<number>()]);
    expect(names).toEqual(['ValueError', 'ValueError', 'QueueEmptyError', 'QueueEmptyError']);
  });

  it('a value that cannot be cloned fails in the put() of the worker that tries', async () => {
    const q = new Queue();
    pool = new Pool({ processes: 1 });
    const outcome = (await pool.apply(task('putUncloneable'), [q])) as { name: string; message: string; size: number };
    expect(outcome.name).toBe('TypeError');
    expect(outcome.message).toMatch(/function/);
    expect(outcome.size).toBe(0);
  });

  it("nothing a process put before it exited is lost, though it never awaited its puts", async () => {
    const q = new Queue<number>();
    const p = new Process({ target: task('putNumbers'), args: [q, 10_000] });
    p.start();
    await p.join();
    expect(p.exitcode).toBe(0);
    for (let i = 0; i < 10_000; i++) expect(await q.get({ timeout: 5000 })).toBe(i);
  });

  it('a process that ends with process.exit(0) loses neither its puts nor a write it made under its lock (as Python with sys.exit)', async () => {
    const runToItsEnd = async (name: string, args: unknown[]): Promise<number | null> => {
      const p = new Process({ target: task(name), args });
      p.start();
      await p.join();
      return p.exitcode;
    };
    const q = new Queue<number>();
    expect(await runToItsEnd('putNumbersThenExit', [q, 1000])).toBe(0);
    expect(await q.qsize()).toBe(1000);
    const value = new Value('i', 0);
    expect(await runToItsEnd('setUnderLockThenExit', [value, 43])).toBe(0);
    expect(await value.get()).toBe(43);
  });

  it('Value increments under leases stay exact while the parent reads along', async () => {
    const counter = new Value('i', 0);
    pool = new Pool({ processes: 2 });
    const work = Promise.all([0, 1].map(() => pool!.apply(task('incrementQuickly'), [counter, 20_000])));
    let done = false;
    void work.then(() => (done = true));
    const reads: number[] = [];
    while (!done) {
      reads.push(await counter.get()); // waits while a worker holds the lock, then sees the value whole
      await new Promise((resolve) => setTimeout(resolve, 1)); // a loop of bare awaits would starve the event loop
    }
    await work;
    reads.push(await counter.get());
    expect(reads.at(-1)).toBe(40_000);
    expect(reads.every((n, i) => i === 0 || n >= reads[i - 1]!)).toBe(true);
  });

  it('a Lock held by a killed process passes to the next waiter (Python would deadlock)', async () => {
    const lock = new Lock();
    const held = new Event();
    const report = new Queue<string>();
    const holder = new Process({ target: task('holdLockForever'), args: [lock, held] });
    holder.start();
    expect(await held.wait(15_000)).toBe(true);
    const waiter = new Process({ target: task('takeLockThenReport'), args: [lock, report] });
    waiter.start();
    expect(await lock.acquire({ block: false })).toBe(false);
    holder.kill();
    await holder.join();
    expect(await report.get({ timeout: 15_000 })).toBe('acquired');
    await waiter.join();
    expect(waiter.exitcode).toBe(0);
  });

  it('an RLock leased to a killed process passes on, and the count stays consistent', async () => {
    const counter = new Value('i', 0);
    const started = new Event();
    const p = new Process({ target: task('incrementForever'), args: [counter, started] });
    p.start();
    expect(await started.wait(15_000)).toBe(true);
    const before = await counter.get(); // waits for the lock: the lease comes back in turn
    const later = await counter.get();
    expect(later).toBeGreaterThanOrEqual(before);
    p.kill();
    await p.join();
    const lock = counter.getLock();
    expect(await lock.acquire({ timeout: 5_000 })).toBe(true);
    const final = await counter.get();
    expect(final).toBeGreaterThanOrEqual(later);
    await lock.release();
  });
});
