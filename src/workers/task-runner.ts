/**
 * Runs one task: finds its function, decodes its arguments, calls it (once, or once per item
 * of a chunk) and encodes the outcome. Synchronous results are not awaited, which keeps a
 * chunk of 25,000 trivial calls free of 25,000 microtask hops.
 */
import { toWireError } from '../shared/error-wire.js';
import type { WireTask, WorkerMessage } from '../shared/worker-protocol.js';
import { beginTask, endTask } from './context.js';
import { progressReporter } from './progress-reporter.js';
import { decode, encode } from './remote-proxy.js';
import { explainInlineError, loadTask, type TaskFunction } from './task-loader.js';

export type TaskOutcome = Extract<WorkerMessage, { t: 'result' }>;

export async function runTask(task: WireTask, defaultModule: string | undefined): Promise<TaskOutcome> {
  beginTask(task.id);
  try {
    const fn = await loadTask(task.fn, defaultModule);
    const payload = decode(task.payload, task.refs);
    const value = await call(fn, task.kind, payload);
    return encodeResult(task.id, value);
  } catch (error) {
    return { t: 'result', id: task.id, ok: false, error: toWireError(explainInlineError(error, task.fn)) };
  } finally {
    progressReporter.flush();
    endTask();
  }
}

async function call(fn: TaskFunction, kind: WireTask['kind'], payload: unknown): Promise<unknown> {
  if (kind === 'call') {
    const [args, kwargs] = payload as [unknown[], Record<string, unknown> | undefined];
    return kwargs === undefined ? fn(...args) : fn(...args, kwargs);
  }
  const items = payload as unknown[];
  const results: unknown[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const value = kind === 'map' ? fn(items[i]) : fn(...(items[i] as unknown[]));
    results[i] = isThenable(value) ? await value : value;
  }
  return results;
}

function encodeResult(id: number, value: unknown): TaskOutcome {
  try {
    const { bytes, refs } = encode(value);
    return { t: 'result', id, ok: true, value: bytes, refs };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      t: 'result',
      id,
      ok: false,
      error: toWireError(new TypeError(`the task's result cannot be sent to the parent: ${reason}`)),
    };
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

