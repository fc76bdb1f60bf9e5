/**
 * The three ways to name a task (CONTRACT.md, "Task references"), checked in the caller and
 * turned into what a worker can find: `{ module, name }`, a bare export name of the pool's
 * default module, or an inline function sent as source.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WireTaskRef } from '../../shared/worker-protocol.js';

// Task functions take and return anything that can be cloned; `any` keeps callers' own
// parameter types assignable here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TaskFunction = (...args: any[]) => unknown;

export type TaskRef = { module: string | URL; name: string } | string | TaskFunction;

const cache = new WeakMap<object, WireTaskRef>();

export function toWireTaskRef(ref: TaskRef): WireTaskRef {
  if (typeof ref === 'string') {
    if (ref === '') throw new TypeError('task name is empty');
    return { module: '', name: ref };
  }
  const cached = cache.get(ref);
  if (cached) return cached;
  const wire = typeof ref === 'function' ? inline(ref) : fromModule(ref);
  cache.set(ref, wire);
  return wire;
}

function inline(fn: TaskFunction): WireTaskRef {
  const source = fn.toString();
  if (source.includes('[native code]')) {
    const what = fn.name.startsWith('bound ') ? 'a bound function' : 'a built-in function';
    throw new TypeError(
      `task function ${fn.name ? `'${fn.name}'` : '(anonymous)'} is ${what}: it has no source to send to a worker. ` +
        'Pass a function written out in full, e.g. (...args) => Math.max(...args), or an export: { module, name }.',
    );
  }
  return { source };
}

function fromModule(ref: { module: string | URL; name: string }): WireTaskRef {
  if (typeof ref !== 'object' || ref === null || typeof ref.name !== 'string' || !ref.name) {
    throw new TypeError('task reference must be a function, an export name, or { module, name }');
  }
  const { module } = ref;
  if (module instanceof URL) return { module: module.href, name: ref.name };
  if (typeof module === 'string' && module.startsWith('file:')) return { module, name: ref.name };
  if (typeof module === 'string' && isAbsolute(module)) return { module: pathToFileURL(module).href, name: ref.name };
  throw new TypeError(
    `task module '${String(module)}' must be an absolute path or a file: URL (try new URL('./tasks.js', import.meta.url))`,
  );
}
