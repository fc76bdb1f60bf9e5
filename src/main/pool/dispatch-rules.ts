/**
 * Who takes queued tasks, and how many at once. Short tasks (under 1 ms on average) go
 * several at a time, a window of each worker's fair share of the outstanding work, so that
 * thousands a second pass; long ones one at a time, so none waits behind another worker's
 * backlog. A starting worker takes work only while none is ready: a task sent to it waits
 * out its start (100 ms or more), which a ready worker need not. It still counts when the
 * shares are cut, so the ready workers leave it its part for when it is ready. A task that
 * turns out long while another worker idles gets the tasks queued behind it taken back
 * (take-back.ts).
 */
import type { PoolWorker } from './pool-worker.js';

const shortTaskMs = 1;
const maxWindow = 128;

export function isShort(averageTaskMs: number): boolean {
  return averageTaskMs < shortTaskMs;
}

/** The workers that may be sent tasks now, and how many workers the outstanding work is shared among. */
export function takersOf(workers: Iterable<PoolWorker>): { takers: PoolWorker[]; sharers: number } {
  // One pass, no copies: this runs for every task submitted and every result.
  const ready: PoolWorker[] = [];
  const starting: PoolWorker[] = [];
  for (const worker of workers) {
    if (worker.retiring || worker.stopReason) continue;
    (worker.ready ? ready : starting).push(worker);
  }
  return { takers: ready.length > 0 ? ready : starting, sharers: ready.length + starting.length };
}

/** How many tasks `worker` may hold, given each taker's `share` of the outstanding work. */
export function windowOf(worker: PoolWorker, share: number, averageTaskMs: number, maxtasksperchild?: number): number {
  let window = 1;
  if (worker.ready && isShort(averageTaskMs)) window = Math.min(maxWindow, Math.max(1, share));
  if (maxtasksperchild !== undefined) window = Math.min(window, maxtasksperchild - worker.tasksDone);
  return window;
}

/** A ready worker with nothing to do: the one that could run tasks stuck behind another's long one. */
export function isIdle(worker: PoolWorker): boolean {
  return worker.ready && worker.inFlight.length === 0 && !worker.retiring && !worker.stopReason;
}
