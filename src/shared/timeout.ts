/**
 * Every timeout of the library goes through here: what a caller gives is checked once
 * (toTimeout), and the timer then waits as long as asked (startTimer). setTimeout alone does
 * not: a delay past 2^31-1 ms (24.8 days), Infinity included, fires after 1 ms.
 */
import { ValueError } from './errors.js';

/** The longest delay setTimeout keeps. */
export const maxTimerMs = 2 ** 31 - 1;

/**
 * A timeout in ms, or null for none (undefined, null or Infinity: as long as it takes). A
 * negative one means no wait at all, as in Python's multiprocessing (`Lock.acquire(timeout=-1)`
 * is a try, `Queue.get(timeout=-1)` raises Empty at once); NaN or what is not a number is
 * refused, naming `what` (as Python refuses NaN with ValueError).
 */
export function toTimeout(timeout: unknown, what: string): number | null {
  if (timeout === undefined || timeout === null || timeout === Number.POSITIVE_INFINITY) return null;
  if (typeof timeout !== 'number' || Number.isNaN(timeout)) {
    throw new ValueError(`${what}: timeout must be a number of milliseconds, got ${describe(timeout)}`);
  }
  return Math.max(0, timeout);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

export interface Timer {
  /** Stops the timer; `fire` is not called. Safe to call more than once, or after it fired. */
  clear(): void;
}

/**
 * Calls `fire` once `ms` have passed (null or Infinity: never). A long delay is waited in
 * steps under setTimeout's ceiling.
 */
export function startTimer(ms: number | null, fire: () => void): Timer {
  if (Number.isNaN(ms)) throw new ValueError('a timer cannot wait NaN ms');
  let left = ms ?? Number.POSITIVE_INFINITY;
  let handle: ReturnType<typeof setTimeout> | undefined;
  const step = (): void => {
    const wait = Math.min(Math.max(0, left), maxTimerMs);
    left -= wait;
    handle = setTimeout(left > 0 ? step : fire, wait);
  };
  if (left !== Number.POSITIVE_INFINITY) step();
  return { clear: () => clearTimeout(handle) };
}
