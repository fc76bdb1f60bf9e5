/**
 * Callers waiting on a primitive, first come first served. Each entry knows the process it
 * serves, so the waits of a process that ended can be dropped, and may carry a timeout after
 * which it is taken off the list and settled with the timeout's outcome.
 */
import { ProcessStateError } from '../../shared/errors.js';
import { startTimer, type Timer } from '../../shared/timeout.js';
import { whileWaiting } from '../pool/process.js';
import { isGone } from './gone-processes.js';

export interface Waiter<D, R> {
  readonly pid: number;
  readonly data: D;
  resolve(value: R): void;
  reject(error: Error): void;
}

interface Entry<D, R> extends Waiter<D, R> {
  timer: Timer | undefined;
}

export class WaitList<D, R> {
  // A Set keeps insertion order and removes from the middle (a timeout) in O(1).
  private readonly entries = new Set<Entry<D, R>>();

  get size(): number {
    return this.entries.size;
  }

  /**
   * Waits until settled by shift()/takeAll(); after `timeoutMs` (null: never) the entry is
   * removed and settled by `onTimeout`, which returns a value or throws.
   */
  wait(pid: number, data: D, timeoutMs: number | null, onTimeout: () => R, options: { evenIfGone?: boolean } = {}): Promise<R> {
    // A wait from a process already gone would hold what nobody will receive; a put (data
    // the process sent before it ended) is the exception.
    if (!options.evenIfGone && isGone(pid)) return Promise.reject(new ProcessStateError(`process ${pid} has exited; its wait is dropped`));
    const waiting = new Promise<R>((resolve, reject) => {
      const entry: Entry<D, R> = { pid, data, resolve, reject, timer: undefined };
      if (timeoutMs !== null) {
        entry.timer = startTimer(timeoutMs, () => {
          this.entries.delete(entry);
          try {
            resolve(onTimeout());
          } catch (error) {
            reject(error as Error);
          }
        });
      }
      this.entries.add(entry);
    });
    // This process's own wait, which a daemon child may be the one to answer.
    return pid === process.pid ? whileWaiting(waiting) : waiting;
  }

  peek(): Waiter<D, R> | undefined {
    for (const entry of this.entries) return entry;
    return undefined;
  }

  /** Takes the first waiter off the list, its timeout cancelled; the caller settles it. */
  shift(): Waiter<D, R> | undefined {
    for (const entry of this.entries) {
      this.remove(entry);
      return entry;
    }
    return undefined;
  }

  /** Takes every waiter off the list, in order. */
  takeAll(): Waiter<D, R>[] {
    const all = [...this.entries];
    for (const entry of all) this.remove(entry);
    return all;
  }

  /** Drops the waits of a process that ended; their promises reject (nobody is listening). */
  dropProcess(pid: number): Waiter<D, R>[] {
    const dropped = [...this.entries].filter((entry) => entry.pid === pid);
    for (const entry of dropped) {
      this.remove(entry);
      entry.reject(new ProcessStateError(`process ${pid} has exited; its wait is dropped`));
    }
    return dropped;
  }

  /** The waits of a process that ended but must still complete (a put): no timeout any more. */
  keepWithoutTimeout(pid: number): void {
    for (const entry of this.entries) {
      if (entry.pid !== pid || !entry.timer) continue;
      entry.timer.clear();
      entry.timer = undefined;
    }
  }

  private remove(entry: Entry<D, R>): void {
    entry.timer?.clear();
    this.entries.delete(entry);
  }
}
