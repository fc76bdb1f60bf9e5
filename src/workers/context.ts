/**
 * The state of the task running in this worker, kept on globalThis so that every copy of
 * 'procpool/worker' a user's module may resolve to sees the same one.
 */
import { getEventListeners } from 'node:events';
import type { WorkerMessage } from '../shared/worker-protocol.js';
import type { Urgency } from './outbox.js';

export interface WorkerContext {
  pid: number;
  name: string;
  taskId: number | undefined;
  controller: AbortController;
  send: (message: WorkerMessage, urgency?: Urgency) => void;
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

/**
 * Starts a task. The AbortSignal is new only when the last one was aborted or a task listened
 * to it: making one per task would cost more than a trivial task itself.
 */
export function beginTask(taskId: number): void {
  const context = workerContext();
  context.taskId = taskId;
  const { signal } = context.controller;
  if (signal.aborted || signal.onabort !== null || getEventListeners(signal, 'abort').length > 0) {
    context.controller = new AbortController();
    for (const listener of context.signalListeners) listener(context.controller.signal);
  }
}

export function endTask(): void {
  workerContext().taskId = undefined;
}
