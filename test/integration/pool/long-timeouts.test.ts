/**
 * Timeouts of 2^31 ms and more, and Infinity, wait as long as asked through a real Pool and
 * Process (setTimeout alone fires such a delay after 1 ms); NaN is refused at the call.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Event, Pool, Process, ValueError } from '../../../src/main/index.js';

const pool = new Pool(2);
afterAll(() => pool.terminate());

/** A task that answers once `gate` is set. */
const untilSet = async (gate: Event) => {
  await gate.wait();
  return 'done';
};

/** Long enough for a timer that overflowed (1 ms) to have fired. */
const aWhile = () => new Promise((resolve) => setTimeout(resolve, 50));

function watch(promise: Promise<unknown>): () => string {
  let state = 'pending';
  promise.then(
    (value) => (state = `fulfilled ${String(value)}`),
    (error: Error) => (state = `rejected ${error.name}`),
  );
  return () => state;
}

describe('long timeouts through a real Pool', () => {
  it('AsyncResult.get(2 ** 31) and get(Infinity) still wait after 50 ms, and resolve when the result arrives', async () => {
    const gate = new Event();
    const result = pool.applyAsync(untilSet, [gate]);
    const long = watch(result.get(2 ** 31));
    const forever = watch(result.get(Number.POSITIVE_INFINITY));
    await aWhile();
    expect([long(), forever()]).toEqual(['pending', 'pending']);
    gate.set();
    expect(await result.get(2 ** 31)).toBe('done');
    expect([long(), forever()]).toEqual(['fulfilled done', 'fulfilled done']);
  });

  it('get(NaN) and imap next(NaN) reject at once with a ValueError naming the call', async () => {
    const result = pool.applyAsync((x: number) => x * x, [2]);
    await expect(result.get(Number.NaN)).rejects.toThrow(ValueError);
    await expect(result.get(Number.NaN)).rejects.toThrow('AsyncResult.get(): timeout must be a number of milliseconds, got NaN');
    const it = pool.imap((x: number) => x, [1]);
    await expect(it.next(Number.NaN)).rejects.toThrow('ImapIterator.next(): timeout must be a number of milliseconds, got NaN');
    expect(await it.next()).toEqual({ done: false, value: 1 });
  });

  it('imap next(2 ** 31) waits for its result', async () => {
    const gate = new Event();
    const it = pool.imap(untilSet, [gate]);
    const next = watch(it.next(2 ** 31));
    await aWhile();
    expect(next()).toBe('pending');
    gate.set();
    await expect(it.next(2 ** 31)).resolves.toEqual({ done: true, value: undefined });
    expect(next()).toBe('fulfilled [object Object]');
  });

  it("a task's own timeout of 2 ** 31 ms or Infinity lets it finish; NaN or a negative one is refused", async () => {
    const gate = new Event();
    // A task's timeout runs from its start: both must have started before the time is judged.
    const started = new Promise<void>((resolve) => {
      let count = 0;
      const onStart = () => {
        if (++count < 2) return;
        pool.off('task:start', onStart);
        resolve();
      };
      pool.on('task:start', onStart);
    });
    const long = pool.apply(untilSet, [gate], undefined, { timeout: 2 ** 31 });
    const forever = pool.apply(untilSet, [gate], undefined, { timeout: Number.POSITIVE_INFINITY });
    const states = [watch(long), watch(forever)];
    await Promise.race([started, Promise.all([long, forever])]); // a refusal fails here
    await aWhile();
    expect(states.map((s) => s())).toEqual(['pending', 'pending']);
    gate.set();
    expect(await Promise.all([long, forever])).toEqual(['done', 'done']);
    expect(() => pool.applyAsync(untilSet, [gate], { timeout: Number.NaN })).toThrow(ValueError);
    await expect(pool.apply(untilSet, [gate], undefined, { timeout: Number.NaN })).rejects.toThrow(
      'task option { timeout }: timeout must be a number of milliseconds, got NaN',
    );
    await expect(pool.apply(untilSet, [gate], undefined, { timeout: -1 })).rejects.toThrow(ValueError);
    await expect(pool.map(untilSet, [gate], { timeout: Number.NaN })).rejects.toThrow(ValueError);
  });

  it('Process.join(2 ** 31) and join(Infinity) wait for the process; join(NaN) is refused', async () => {
    const gate = new Event();
    const p = new Process({ target: untilSet, args: [gate] });
    p.start();
    await expect(p.join(Number.NaN)).rejects.toThrow(`${p.name}.join(): timeout must be a number of milliseconds, got NaN`);
    const long = watch(p.join(2 ** 31));
    const forever = watch(p.join(Number.POSITIVE_INFINITY));
    await aWhile();
    expect([long(), forever()]).toEqual(['pending', 'pending']);
    expect(p.isAlive()).toBe(true);
    gate.set();
    await p.join(2 ** 31);
    expect(p.exitcode).toBe(0);
    expect([long(), forever()]).toEqual(['fulfilled undefined', 'fulfilled undefined']);
  });
});
