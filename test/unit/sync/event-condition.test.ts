import { describe, expect, it } from 'vitest';
import { Condition, Event, Lock, ValueError } from '../../../src/main/index.js';

describe('Event in the parent', () => {
  it('wakes every waiter on set, times out otherwise', async () => {
    const event = new Event();
    expect(event.isSet()).toBe(false);
    expect(await event.wait(10)).toBe(false);
    const waits = [event.wait(), event.wait(5_000)];
    event.set();
    expect(await Promise.all(waits)).toEqual([true, true]);
    expect(await event.wait(0)).toBe(true);
    event.clear();
    expect(event.isSet()).toBe(false);
  });
});

describe('Condition in the parent', () => {
  it('wait() lets go of the lock until notified, then holds it again', async () => {
    const cond = new Condition();
    await cond.acquire();
    let state = 0;
    const waiter = cond.wait(5_000).then((notified) => ({ notified, state }));
    // The lock was let go, so another async flow of the parent can take it and change state.
    await cond.acquire();
    state = 1;
    cond.notify();
    await cond.release();
    expect(await waiter).toEqual({ notified: true, state: 1 });
    await cond.release();
  });

  it('wait() times out with false; notify without the lock throws ValueError', async () => {
    const cond = new Condition(new Lock());
    expect(() => cond.notify()).toThrow(ValueError);
    await expect(cond.wait(10)).rejects.toThrow(ValueError);
    await cond.acquire();
    expect(await cond.wait(10)).toBe(false);
    await cond.release();
  });

  it('waitFor() loops until the predicate holds, or the timeout', async () => {
    const lock = new Lock();
    const cond = new Condition(lock);
    let items = 0;
    await cond.acquire();
    const waiting = cond.waitFor(() => items >= 3, 5_000);
    for (let i = 0; i < 3; i++) {
      await cond.acquire(); // waits while waitFor holds it between wakes
      items++;
      cond.notifyAll();
      await cond.release();
    }
    expect(await waiting).toBe(true);
    expect(await cond.waitFor(() => items > 10, 20)).toBe(false);
    await cond.release();
  });
});
