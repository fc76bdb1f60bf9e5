/** The one timer every timeout goes through: as long as asked, however long that is. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ValueError } from '../../../src/shared/errors.js';
import { maxTimerMs, startTimer, toTimeout } from '../../../src/shared/timeout.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('startTimer', () => {
  it('waits 2^31 ms and more in steps setTimeout can keep, firing once at the end', () => {
    vi.useFakeTimers();
    for (const ms of [2 ** 31, 3 * maxTimerMs + 5, 2 ** 40]) {
      const fire = vi.fn();
      startTimer(ms, fire);
      vi.advanceTimersByTime(ms - 1);
      expect(fire).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(fire).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(maxTimerMs);
      expect(fire).toHaveBeenCalledTimes(1);
    }
  });

  it('never fires for null or Infinity, and holds no timer for them', () => {
    vi.useFakeTimers();
    const fire = vi.fn();
    startTimer(null, fire);
    startTimer(Number.POSITIVE_INFINITY, fire);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('fires a short or negative one at once, and not at all once cleared, even mid-way through a long one', () => {
    vi.useFakeTimers();
    const now = vi.fn();
    startTimer(-5, now);
    vi.advanceTimersByTime(0);
    expect(now).toHaveBeenCalledTimes(1);
    const cleared = vi.fn();
    const timer = startTimer(2 ** 32, cleared);
    vi.advanceTimersByTime(maxTimerMs + 10);
    timer.clear();
    vi.advanceTimersByTime(2 ** 32);
    expect(cleared).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('with real timers, a 2^31 ms timer is still waiting when a 30 ms one fires', async () => {
    const fire = vi.fn();
    const timer = startTimer(2 ** 31, fire);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fire).not.toHaveBeenCalled();
    timer.clear();
  });
});

describe('toTimeout', () => {
  it('reads undefined, null and Infinity as no limit, a negative one as no wait', () => {
    expect(toTimeout(undefined, 'x')).toBeNull();
    expect(toTimeout(Number.POSITIVE_INFINITY, 'x')).toBeNull();
    expect(toTimeout(2 ** 31, 'x')).toBe(2 ** 31);
    expect(toTimeout(-1, 'x')).toBe(0);
  });

  it('refuses NaN and what is not a number, naming the call', () => {
    expect(() => toTimeout(Number.NaN, 'AsyncResult.get()')).toThrow(ValueError);
    expect(() => toTimeout(Number.NaN, 'AsyncResult.get()')).toThrow('AsyncResult.get(): timeout must be a number of milliseconds, got NaN');
    expect(() => toTimeout('5', 'Event.wait()')).toThrow("Event.wait(): timeout must be a number of milliseconds, got '5'");
  });
});
