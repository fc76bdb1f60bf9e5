/**
 * Puts on unbounded queues, held back and sent in batches: a round trip per item would cap
 * a queue at a few tens of thousands of items a second. put() resolves at once (an unbounded
 * queue always has room); the items leave in one message per queue and turn of the event
 * loop, and always before anything the worker sends after them (the outbox releases them
 * first), its task's result and its exit included. A batch the parent refuses is reported
 * on the queue's next put().
 */
import { maxItemsPerBatch, type PackedItem } from '../../shared/sync-wire.js';
import { heldMessages } from '../outbox.js';
import { callRemote } from '../remote-proxy.js';

interface Run {
  obj: number;
  items: PackedItem[];
}

let runs: Run[] = [];
let scheduled = false;
const failures = new Map<number, Error>();

export function holdPut(obj: number, item: PackedItem): void {
  const last = runs[runs.length - 1];
  if (last && last.obj === obj && last.items.length < maxItemsPerBatch) last.items.push(item);
  else runs.push({ obj, items: [item] });
  if (scheduled) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    releasePuts();
  });
}

/** Hands the held puts to the outbox, in the order they were made. */
export function releasePuts(): void {
  if (runs.length === 0) return;
  const out = runs;
  runs = []; // before sending: sending releases held messages again
  for (const { obj, items } of out) {
    callRemote(obj, 'putMany', [items]).catch((error: Error) => failures.set(obj, error));
  }
}

/** The error of a refused batch of this queue, once. */
export function takeFailure(obj: number): Error | undefined {
  const error = failures.get(obj);
  failures.delete(obj);
  return error;
}

heldMessages.add(releasePuts);
