/**
 * Task: counts the primes in [start, end) — end excluded, as Python's range — by trial
 * division. Deliberately plain CPU work: the demo that shows a pool using every core.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { progress, signal } from '../index.js';

/** Check in for progress and cancellation this often (numbers tested). */
const reportEvery = 1 << 14;
const yieldEveryMs = 20;

export async function countPrimes(range: [number, number]): Promise<number> {
  if (!Array.isArray(range) || range.length !== 2) {
    throw new TypeError(`countPrimes([start, end]): expected a pair of whole numbers, got ${JSON.stringify(range)}`);
  }
  const [start, end] = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) {
    throw new TypeError(`countPrimes([start, end]): start and end must be whole numbers, got [${start}, ${end}]`);
  }
  if (end < start) throw new RangeError(`countPrimes([start, end]): end (${end}) is before start (${start})`);
  const taskSignal = signal;
  let count = 0;
  const total = end - start;
  let lastYield = Date.now();
  for (let n = Math.max(start, 2); n < end; n++) {
    if (isPrime(n)) count++;
    if ((n - start) % reportEvery === 0 && n > start) {
      progress(n - start, total);
      // A cancel message can only arrive while the loop lets the event loop run.
      if (Date.now() - lastYield >= yieldEveryMs) {
        await yieldToLoop();
        taskSignal.throwIfAborted();
        lastYield = Date.now();
      }
    }
  }
  return count;
}

export function isPrime(n: number): boolean {
  if (n < 2) return false;
  if (n < 4) return true;
  if (n % 2 === 0 || n % 3 === 0) return false;
  for (let d = 5; d * d <= n; d += 6) {
    if (n % d === 0 || n % (d + 2) === 0) return false;
  }
  return true;
}
