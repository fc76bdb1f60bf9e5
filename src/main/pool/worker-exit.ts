/**
 * What becomes of the tasks a worker held when it died. A worker begins a task only once
 * everything it sent before is in the OS's hands (workers/runtime.ts), and the pool reads all
 * of that before it hears of the death ('close'). So of the tasks the worker held, only the
 * first unanswered one can have begun, and none if it never said it was ready. That one is
 * retried while `retries` allow (never after a person killed the worker), else it fails with
 * WorkerExitedError: with `retries: 0` no task runs twice. The others go back to the queue.
 */
import { WorkerExitedError } from '../../shared/errors.js';
import { toExitcode } from './exit-status.js';
import type { PoolWorker } from './pool-worker.js';
import type { Task } from './task.js';

export interface DeadWorkerTasks {
  /** Back to the front of the queue, in this order. */
  requeue: Task[];
  failed: Array<{ task: Task; error: WorkerExitedError }>;
}

export function sortDeadWorkerTasks(
  worker: PoolWorker,
  exit: { code: number | null; signal: NodeJS.Signals | null },
  retries: number,
): DeadWorkerTasks {
  const result: DeadWorkerTasks = { requeue: [], failed: [] };
  const [head] = worker.inFlight;
  for (const task of worker.inFlight) {
    if (task.done) continue;
    task.timer?.clear();
    task.startedAt = undefined;
    if (task !== head || !worker.ready) {
      result.requeue.push(task);
      continue;
    }
    task.attempts++;
    if (worker.stopReason !== 'user' && task.attempts <= retries) {
      result.requeue.unshift(task);
      continue;
    }
    const error = new WorkerExitedError(
      `worker ${worker.name} (pid ${worker.pid}) exited with ${describeExit(exit.code, exit.signal)} while running task ${task.id}` +
        (task.attempts > 1 ? ` (attempt ${task.attempts})` : ''),
      { pid: worker.pid, exitcode: toExitcode(exit.code, exit.signal), signal: exit.signal },
    );
    result.failed.push({ task, error });
  }
  return result;
}

export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `code ${code}`;
}
