/**
 * The state of the task running in this worker, kept on globalThis so that every copy of
 * 'procpool/worker' a user's module may resolve to sees the same one.
 */
import type { WorkerMessage } from '../shared/worker-protocol.js';

export interface WorkerContext {
  pid: number;
  name: string;
  taskId: number | undefined;
  controller: AbortController;
  send: (message: WorkerMessage) => void;
  /** Each loaded copy of index.ts registers here to have its live `signal` binding updated. */
  signalListeners: Set<(signal: AbortSignal) => void>;
}

const key = Symbol.for('procpool.worker.context');

export function workerContext(): WorkerContext {
  const holder = globalThis as { [key]?: WorkerContext };
  holder[key] ??= {
    pid: process.pid,
    name: `pid-${process.pid}`,
    taskId: undefined,
    controller: new AbortController(),
    send: () => {},
    signalListeners: new Set(),
  };
  return holder[key];
}

/** Starts a task: a fresh AbortSignal, published to every `signal` binding. */
export function beginTask(taskId: number): AbortController {
  const context = workerContext();
  context.taskId = taskId;
  context.controller = new AbortController();
  for (const listener of context.signalListeners) listener(context.controller.signal);
  return context.controller;
}

export function endTask(): void {
  workerContext().taskId = undefined;
}
