/**
 * Runs one task: finds its function, calls it (once, or once per item of a chunk) and checks
 * the outcome can be sent. Everything stays synchronous until something returns a promise,
 * so a chunk of 25,000 trivial calls, or 20,000 tiny tasks, pay no microtask hops.
 */
import { toWireError } from '../shared/error-wire.js';
import { chunkItems } from '../shared/number-packing.js';
import { isThenable, runChunk, type ItemCall } from './run-chunk.js';
import type { WireTask, WorkerMessage } from '../shared/worker-protocol.js';
import { beginTask, endTask } from './context.js';
import { progressReporter } from './progress-reporter.js';
import { decode, encode } from './remote-proxy.js';
import { explainInlineError, loadedTask, loadTask, type TaskFunction } from './task-loader.js';

export type TaskOutcome = Extract<WorkerMessage, { t: 'result' }>;

/** `keepValue` false: a Process target, whose value nobody receives (as in Python), so it need not be sendable. */
export function runTask(task: WireTask, defaultModule: string | undefined, keepValue = true): TaskOutcome | Promise<TaskOutcome> {
  beginTask(task.id);
  let settledSync = true;
  try {
    const fn = loadedTask(task.fn, defaultModule);
    const value = fn ? call(fn, task) : loadTask(task.fn, defaultModule).then((loaded) => call(loaded, task));
    if (!isThenable(value)) return succeed(task.id, keepValue ? value : undefined);
    settledSync = false;
    return Promise.resolve(value).then(
      (resolved) => succeed(task.id, keepValue ? resolved : undefined),
      (error: unknown) => fail(task, error),
    ).finally(finishTask);
  } catch (error) {
    return fail(task, error);
  } finally {
    if (settledSync) finishTask();
  }
}

function finishTask(): void {
  progressReporter.flush();
  endTask();
}

function call(fn: TaskFunction, task: WireTask): unknown {
  const payload = decode(task.payload, task.refs);
  if (task.kind === 'call') {
    const [args, kwargs] = payload as [unknown[], Record<string, unknown> | undefined];
    return kwargs === undefined ? fn(...args) : fn(...args, kwargs);
  }
  const items = chunkItems(payload);
  return runChunk(task.kind === 'map' ? (fn as ItemCall) : (item) => fn(...(item as unknown[])), items);
}

function succeed(id: number, value: unknown): TaskOutcome {
  try {
    const wire = encode(value, "the task's result");
    return { t: 'result', id, ok: true, value: wire.value, refs: wire.refs };
  } catch (error) {
    return { t: 'result', id, ok: false, error: toWireError(error) };
  }
}

function fail(task: WireTask, error: unknown): TaskOutcome {
  return { t: 'result', id: task.id, ok: false, error: toWireError(explainInlineError(error, task.fn)) };
}

