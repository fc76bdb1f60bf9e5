/**
 * Sends a task's progress to the parent, at most every 50 ms per task (plus the final
 * report), and straight away rather than on a timer, so a task that never yields to the
 * event loop (a tight CPU loop) still shows progress.
 */
import { workerContext } from './context.js';

const intervalMs = 50;

class ProgressReporter {
  private lastSent = 0;
  private lastTask: number | undefined;
  private pending: { id: number; done: number; total?: number; note?: string } | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The item of a chunk being worked on, -1 for none, and the chunk's length (see itemStarts). */
  private itemIndex = -1;
  private itemCount = 0;

  report(done: number, total?: number, note?: string): void {
    const context = workerContext();
    const id = context.taskId;
    if (id === undefined) return; // called outside a task: nobody to tell
    if (!Number.isFinite(done)) throw new TypeError(`progress(done): done must be a number, got ${done}`);
    if (this.itemIndex >= 0) {
      // Inside one item of a chunk, a report moves the chunk's count by a share of that item;
      // without a total there is no share to tell.
      if (total === undefined || !(total > 0)) return;
      done = this.itemIndex + Math.min(1, Math.max(0, done / total));
      total = this.itemCount;
      note = undefined;
    }
    const message = { id, done, ...(total !== undefined && { total }), ...(note !== undefined && { note }) };
    const now = Date.now();
    const final = total !== undefined && done >= total;
    if (final || id !== this.lastTask || now - this.lastSent >= intervalMs) {
      this.send(message, now);
    } else {
      this.pending = message;
      this.timer ??= setTimeout(() => this.flush(), intervalMs).unref();
    }
  }

  /**
   * Item `index` of a chunk of `of` begins (a compute job's mapItems), until `itemDone()`:
   * progress the item's own code reports, in its own units (a prime counter's numbers, a
   * hash's bytes), reaches the parent in the chunk's units, items, so the job's count, rate
   * and time left stay in one measure. A field, not a wrapper: a chunk of a million trivial
   * calls must not pay an await each.
   */
  itemStarts(index: number, of: number): void {
    this.itemIndex = index;
    this.itemCount = of;
  }

  itemDone(): void {
    this.itemIndex = -1;
  }

  /** Sends what is waiting; called by the timer and when a task ends. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending) this.send(this.pending, Date.now());
  }

  private send(message: { id: number; done: number; total?: number; note?: string }, now: number): void {
    this.pending = undefined;
    this.lastSent = now;
    this.lastTask = message.id;
    workerContext().send({ t: 'progress', ...message }, 'now');
  }
}

/**
 * One per process, kept on globalThis like the task's context: the worker runtime is a
 * bundle with its own copy of this module, and a task's `progress()` from 'procpool/worker'
 * must feed the reporter the runtime flushes when the task ends.
 */
const key = Symbol.for('procpool.worker.progress');
export const progressReporter: ProgressReporter = ((globalThis as { [key]?: ProgressReporter })[key] ??= new ProgressReporter());
