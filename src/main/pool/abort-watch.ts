/**
 * Cancels tasks when their AbortSignal aborts, with one listener per signal however many
 * tasks share it. A job passes one signal to every task it keeps in flight (two per worker),
 * and a listener for each went past Node's limit of 10 on one signal: `procpool copy
 * --processes 64` printed MaxListenersExceededWarning.
 */
import type { Task } from './task.js';

interface Watched {
  tasks: Set<Task>;
  onAbort: () => void;
}

export class AbortWatch {
  private readonly watched = new Map<AbortSignal, Watched>();

  constructor(private readonly cancel: (task: Task, signal: AbortSignal) => void) {}

  /** Until the task is answered (its removeAbortListener), aborting `signal` cancels it. */
  add(task: Task, signal: AbortSignal): void {
    let entry = this.watched.get(signal);
    if (!entry) {
      const tasks = new Set<Task>();
      const onAbort = (): void => {
        this.watched.delete(signal);
        for (const each of tasks) this.cancel(each, signal);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry = { tasks, onAbort };
      this.watched.set(signal, entry);
    }
    entry.tasks.add(task);
    task.removeAbortListener = () => this.remove(task, signal);
  }

  /** The last task of a signal takes its listener with it. */
  private remove(task: Task, signal: AbortSignal): void {
    const entry = this.watched.get(signal);
    if (!entry?.tasks.delete(task) || entry.tasks.size > 0) return;
    signal.removeEventListener('abort', entry.onAbort);
    this.watched.delete(signal);
  }
}
