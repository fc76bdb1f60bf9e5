/** A unit of work as the pool tracks it, from submit until its caller is answered. */
import { AbortError } from '../../shared/errors.js';
import type { TaskKind, WireTaskRef } from '../../shared/worker-protocol.js';
import type { Timer } from '../../shared/timeout.js';
import type { Payload } from './payload.js';

export interface TaskOptions {
  /** Milliseconds the task may run before it is cancelled and rejects with TimeoutError. */
  timeout?: number;
  /** Aborting it cancels the task: the caller gets an AbortError, the worker sees `signal`. */
  signal?: AbortSignal;
  /** Carried into the task's events, so a caller can tell its own tasks apart (jobs use it). */
  tag?: string;
}

export type Outcome = { ok: true; value: unknown } | { ok: false; error: Error };

export interface Task {
  readonly id: number;
  readonly kind: TaskKind;
  readonly fn: WireTaskRef;
  readonly payload: Payload;
  readonly options: TaskOptions;
  readonly settle: (outcome: Outcome) => void;
  /** Runs lost to a dying worker so far; compared with the pool's `retries`. */
  attempts: number;
  /** The caller has its answer; a late result from the worker is dropped. */
  done: boolean;
  /** When its worker began it (performance.now()); undefined while it waits. */
  startedAt?: number | undefined;
  timer?: Timer;
  removeAbortListener?: () => void;
}

let nextTaskId = 1;

export function createTask(
  kind: TaskKind,
  fn: WireTaskRef,
  payload: Payload,
  options: TaskOptions,
  settle: (outcome: Outcome) => void,
): Task {
  return { id: nextTaskId++, kind, fn, payload, options, settle, attempts: 0, done: false };
}

/** What a task cancelled through its signal rejects with: the signal's own reason if that is another error, else AbortError. */
export function abortError(signal: AbortSignal, task: Task): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name !== 'AbortError') return reason;
  return new AbortError(`task ${task.id} was cancelled`);
}
