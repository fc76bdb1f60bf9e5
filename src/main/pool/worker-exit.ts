/**
 * What becomes of the tasks a worker held when it died. Only a task known to have been
 * running when the worker died is blamed: it is retried while `retries` allow (never after
 * a person killed the worker), else it fails with WorkerExitedError. Tasks the worker had
 * not begun go back to the queue. When the worker held several tasks, nobody knows which one
 * it was running (it may have finished some whose results had not left yet), so none is
 * blamed and each runs again alone (Task.isolate).
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
  const live = worker.inFlight.filter((task) => !task.done);
  const culpritUnknown = worker.ready && live.length > 1;
  for (const task of live) {
    clearTimeout(task.timer);
    const wasRunning = task.startedAt !== undefined;
    task.startedAt = undefined;
    if (!wasRunning || culpritUnknown) {
      if (culpritUnknown) task.isolate = true;
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
