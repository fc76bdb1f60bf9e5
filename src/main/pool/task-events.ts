/** What the pool tells its listeners of a task (pool-events.ts), from the worker that has it. */
import type { WorkerMessage } from '../../shared/worker-protocol.js';
import type { PoolEvents } from './pool-events.js';
import type { Outcome, Task } from './task.js';

function tagOf(task: Task | undefined): { tag?: string } {
  return task?.options.tag !== undefined ? { tag: task.options.tag } : {};
}

export function startEvent(pid: number, task: Task): PoolEvents['task:start'] {
  return { taskId: task.id, pid, ...tagOf(task) };
}

export function endEvent(pid: number, task: Task, outcome: Outcome): PoolEvents['task:end'] {
  return {
    taskId: task.id,
    pid,
    ok: outcome.ok,
    ...(!outcome.ok && { error: `${outcome.error.name}: ${outcome.error.message}` }),
    ...tagOf(task),
  };
}

export function progressEvent(pid: number, message: Extract<WorkerMessage, { t: 'progress' }>, task: Task | undefined): PoolEvents['progress'] {
  const { id, done, total, note } = message;
  return { pid, taskId: id, done, ...(total !== undefined && { total }), ...(note !== undefined && { note }), ...tagOf(task) };
}
