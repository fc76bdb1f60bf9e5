/**
 * Every wait of the library takes the same timeouts: 2^31 ms and more wait exactly that long
 * (setTimeout alone fires such a delay after 1 ms), Infinity waits as long as it takes, and
 * NaN is refused at the call with a ValueError naming it. Fake timers stand for the 24.8 days.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AsyncResult,
  Barrier,
  Condition,
  Event,
  ImapIterator,
  Lock,
  Manager,
  Pipe,
  Queue,
  QueueEmptyError,
  Semaphore,
  TimeoutError,
  ValueError,
} from '../../../src/main/index.js';

let manager: Manager;
beforeAll(async () => {
  manager = await Manager.start();
});
afterAll(() => manager.shutdown());
afterEach(() => {
  vi.useRealTimers();
});

/** A promise's state, read without waiting for it. */
function watch(promise: Promise<unknown>): { state: () => 'pending' | 'fulfilled' | 'rejected'; outcome: () => unknown } {
  let state: 'pending' | 'fulfilled' | 'rejected' = 'pending';
  let outcome: unknown;
  promise.then(
    (value) => ((state = 'fulfilled'), (outcome = value)),
    (error: unknown) => ((state = 'rejected'), (outcome = error)),
  );
  return { state: () => state, outcome: () => outcome };
}

/** An imap over input that never yields: next() can only time out. */
function stalledImap(): ImapIterator<unknown> {
  const never: AsyncIterable<unknown> = { [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => {}) }) };
  return new ImapIterator(never, () => {}, 1, true, 2);
}

/** Each wait, started with a timeout, and what it settles with when the time runs out. */
const waits: Array<[string, (timeout: number) => Promise<unknown>, (outcome: unknown) => void]> = [
  ['AsyncResult.get', (t) => new AsyncResult().get(t), (e) => expect(e).toBeInstanceOf(TimeoutError)],
  ['AsyncResult.wait', (t) => new AsyncResult().wait(t), (v) => expect(v).toBeUndefined()],
  ['ImapIterator.next', (t) => stalledImap().next(t), (e) => expect(e).toBeInstanceOf(TimeoutError)],
  ['Queue.get', (t) => new Queue().get({ timeout: t }), (e) => expect(e).toBeInstanceOf(QueueEmptyError)],
  ['Lock.acquire', async (t) => {
    const lock = new Lock();
    await lock.acquire();
    return lock.acquire({ timeout: t });
  }, (v) => expect(v).toBe(false)],
  ['Semaphore.acquire', (t) => new Semaphore(0).acquire({ timeout: t }), (v) => expect(v).toBe(false)],
  ['Event.wait', (t) => new Event().wait(t), (v) => expect(v).toBe(false)],
  ['Condition.wait', async (t) => {
    const condition = new Condition();
    await condition.acquire();
    return condition.wait(t);
  }, (v) => expect(v).toBe(false)],
  ['Condition.waitFor', async (t) => {
    const condition = new Condition();
    await condition.acquire();
    return condition.waitFor(() => false, t);
  }, (v) => expect(v).toBe(false)],
  ['Barrier.wait', (t) => new Barrier(2).wait(t), (e) => expect((e as Error).name).toBe('BrokenBarrierError')],
  ['Connection.poll', (t) => Pipe()[0].poll(t), (v) => expect(v).toBe(false)],
  ["manager queue's get", (t) => manager.queue().get({ timeout: t }), (e) => expect(e).toBeInstanceOf(QueueEmptyError)],
];

describe('every wait with a timeout of 2^31 ms or more', () => {
  it.each(waits)('%s waits 2^31 + 5 ms, no less', async (_name, start, timedOut) => {
    vi.useFakeTimers();
    const ms = 2 ** 31 + 5;
    const wait = watch(start(ms));
    await vi.advanceTimersByTimeAsync(ms - 1);
    expect(wait.state()).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(wait.state()).not.toBe('pending');
    timedOut(wait.outcome());
  });

  it.each(waits)('%s with Infinity waits as long as it takes', async (_name, start) => {
    vi.useFakeTimers();
    const wait = watch(start(Number.POSITIVE_INFINITY));
    await vi.advanceTimersByTimeAsync(2 ** 42);
    expect(wait.state()).toBe('pending');
  });

  it.each(waits)('%s refuses NaN at once, naming itself', async (name, start) => {
    const call = name.startsWith('manager') ? /queue '.+'\.get/ : name.replace(/^(\w+)\.(\w+)$/, '$1.$2()');
    const refused = start(Number.NaN);
    await expect(refused).rejects.toThrow(ValueError);
    await expect(refused).rejects.toThrow(call);
    await expect(refused).rejects.toThrow('timeout must be a number of milliseconds, got NaN');
  });
});

describe('with real timers', () => {
  it('AsyncResult.get(2 ** 31) and get(Infinity) are still waiting after 50 ms and resolve when the result comes', async () => {
    const result = new AsyncResult<string>();
    const long = watch(result.get(2 ** 31));
    const forever = watch(result.get(Number.POSITIVE_INFINITY));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([long.state(), forever.state()]).toEqual(['pending', 'pending']);
    result.resolve('here');
    await expect(result.get(2 ** 31)).resolves.toBe('here');
    expect([long.outcome(), forever.outcome()]).toEqual(['here', 'here']);
  });
});
