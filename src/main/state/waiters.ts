/**
 * Callers waiting on a manager object (a blocked get or put, a join), first come first
 * served. Each may carry a timeout and the PID of the worker it serves, so a worker that dies
 * while waiting does not later swallow an item nobody will receive.
 */
import { startTimer, type Timer } from '../../shared/timeout.js';

export interface Waiter<T> {
  readonly data: T;
  readonly pid: number | undefined;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Entry<T> extends Waiter<T> {
  timer: Timer | undefined;
}

export class Waiters<T> {
  private list: Entry<T>[] = [];

  get size(): number {
    return this.list.length;
  }

  /** Waits; after `timeoutMs` (null: never) the waiter is removed and rejected with `onTimeout()`. */
  wait<R>(data: T, pid: number | undefined, timeoutMs: number | null, onTimeout: () => Error): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const entry: Entry<T> = { data, pid, resolve: resolve as (value: unknown) => void, reject, timer: undefined };
      if (timeoutMs !== null) {
        entry.timer = startTimer(timeoutMs, () => {
          this.remove(entry);
          reject(onTimeout());
        });
      }
      this.list.push(entry);
    });
  }

  /** Takes the first waiter off the list (its timeout cancelled); the caller settles it. */
  shift(): Waiter<T> | undefined {
    const entry = this.list.shift();
    entry?.timer?.clear();
    return entry;
  }

  peek(): Waiter<T> | undefined {
    return this.list[0];
  }

  /** Drops the waiters of a process that ended. */
  dropPid(pid: number, error: () => Error): void {
    for (const entry of this.list.filter((e) => e.pid === pid)) {
      this.remove(entry);
      entry.reject(error());
    }
  }

  rejectAll(error: () => Error): void {
    for (const entry of this.list.splice(0)) {
      entry.timer?.clear();
      entry.reject(error());
    }
  }

  private remove(entry: Entry<T>): void {
    entry.timer?.clear();
    const index = this.list.indexOf(entry);
    if (index >= 0) this.list.splice(index, 1);
  }
}
