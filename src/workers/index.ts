/**
 * `procpool/worker`: helpers for code that runs inside a worker process.
 */
import { workerContext } from './context.js';
import { progressReporter } from './progress-reporter.js';

/** Reports how far the running task is; reaches the parent as a 'progress' event. */
export function progress(done: number, total?: number, note?: string): void {
  progressReporter.report(done, total, note);
}

/** The process this code runs in: its PID and its name in the pool ('PoolWorker-3'). */
export function currentProcess(): { pid: number; name: string } {
  const { pid, name } = workerContext();
  return { pid, name };
}

/** Aborted when the running task is cancelled or its timeout elapses. A live binding. */
export let signal: AbortSignal = workerContext().controller.signal;
workerContext().signalListeners.add((next) => {
  signal = next;
});
