/**
 * The messages between the parent and a worker process. Both sides send arrays of messages
 * (one IPC write carries whatever piled up in one turn of the event loop), which is what lets
 * thousands of tiny tasks a second through. Arguments and results are structured clones,
 * checked by the sender before they leave (see wire-value.ts), so a value that cannot be
 * cloned fails where it was produced.
 */
import type { WireError } from './error-wire.js';

/** A task function as a worker can find it: an export of a module, or inline source. */
export type WireTaskRef = { module: string; name: string } | { source: string };

/**
 * `call`: payload is `[args, kwargs?]`, the result is the function's value.
 * `map` / `starmap`: payload is a list of argument lists (a chunk), the result is a list.
 */
export type TaskKind = 'call' | 'map' | 'starmap';

export interface WireTask {
  id: number;
  kind: TaskKind;
  fn: WireTaskRef;
  payload: unknown;
  /** The payload holds shared-object references that the worker must turn into proxies. */
  refs: boolean;
}

export interface WorkerInit {
  t: 'init';
  name: string;
  /** The pool's default module, for task references given as a bare export name. */
  defaultModule?: string;
  initializer?: WireTaskRef;
  initargs?: unknown[];
  initargsRefs?: boolean;
  /** Process mode: run this one task as the process's target, then exit with its outcome. */
  target?: WireTask;
}

export type ParentMessage =
  | WorkerInit
  | { t: 'run'; task: WireTask }
  | { t: 'cancel'; id: number; reason: 'timeout' | 'abort' }
  /** Give back these tasks if they have not begun (see stalledTaskMs). */
  | { t: 'take-back'; ids: number[] }
  | { t: 'reply'; callId: number; ok: true; value: unknown; refs: boolean }
  | { t: 'reply'; callId: number; ok: false; error: WireError }
  | { t: 'exit' };

export type WorkerMessage =
  | { t: 'ready' }
  | { t: 'init-failed'; error: WireError }
  | { t: 'result'; id: number; ok: true; value: unknown; refs: boolean }
  | { t: 'result'; id: number; ok: false; error: WireError }
  | { t: 'progress'; id: number; done: number; total?: number; note?: string }
  /** The tasks of a take-back that had not begun: they will not run here. */
  | { t: 'taken-back'; ids: number[] }
  | { t: 'call'; callId: number; obj: number; method: string; args: unknown[]; refs: boolean };

/** Batches as they go over the IPC channel. */
export type ParentBatch = ParentMessage[];
export type WorkerBatch = WorkerMessage[];

const workerTypes = new Set(['ready', 'init-failed', 'result', 'progress', 'call', 'taken-back']);
const parentTypes = new Set(['init', 'run', 'cancel', 'take-back', 'reply', 'exit']);

/**
 * Short tasks are sent to a worker several at a time, queued behind the one it runs. A task
 * that has run this long while another worker has nothing to do is holding them up: the
 * parent asks for those queued behind it back. The worker answers when it next yields: at
 * once while its task awaits something; after it, for one in a busy loop, by which time it
 * may have run some of them itself. (Yielding after every long task to answer sooner cost
 * imap 7% here: on two cores a short task often looks long, its worker descheduled.)
 */
export const stalledTaskMs = 10;

/** A cheap structural check: the channel is ours, but a task's own process.send() is not. */
export function isWorkerBatch(value: unknown): value is WorkerBatch {
  return Array.isArray(value) && value.every((m) => isTagged(m, workerTypes));
}

export function isParentBatch(value: unknown): value is ParentBatch {
  return Array.isArray(value) && value.every((m) => isTagged(m, parentTypes));
}

function isTagged(value: unknown, types: Set<string>): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { t?: unknown }).t === 'string' &&
    types.has((value as { t: string }).t)
  );
}
