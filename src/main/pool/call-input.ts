/**
 * What calls accept as arguments and input, checked in the caller before anything is sent,
 * as Python refuses `pool.map(f, 5)` with "'int' object is not iterable". Without the check a
 * number or a plain object became an empty list (`Array.from(5)` is `[]`) and the map
 * quietly answered `[]`, and `args: 5` failed later, in the worker, as a spread of a number.
 */
import { ValueError } from '../../shared/errors.js';
import { toTimeout } from '../../shared/timeout.js';

/** A call's `args` is a list and its `kwargs` an object; `call` names it as the caller wrote it. */
export function checkCallArguments(call: string, args: unknown, kwargs: unknown): void {
  if (!Array.isArray(args)) throw new TypeError(`${call}: args must be an array of arguments, e.g. [1, 2]; got ${describe(args)}`);
  if (kwargs !== undefined && (typeof kwargs !== 'object' || kwargs === null || Array.isArray(kwargs))) {
    throw new TypeError(`${call}: kwargs must be an object of named arguments, e.g. { key: 1 }; got ${describe(kwargs)}`);
  }
}

/**
 * A task's own `timeout` option: ms, or undefined for none (Infinity too). Unlike a wait's, a
 * negative one means nothing sensible (no task runs in no time): it is refused, as NaN is.
 */
export function taskTimeout(timeout: unknown): number | undefined {
  const what = 'task option { timeout }';
  if (typeof timeout === 'number' && timeout < 0) throw new ValueError(`${what}: timeout must be a non-negative number of milliseconds, got ${timeout}`);
  return toTimeout(timeout, what) ?? undefined;
}

export function checkIterable(iterable: unknown, method: string, orAsync = false): void {
  const value = iterable as { [Symbol.iterator]?: unknown; [Symbol.asyncIterator]?: unknown } | null | undefined;
  const iterableOk = typeof value?.[Symbol.iterator] === 'function';
  const asyncOk = orAsync && typeof value?.[Symbol.asyncIterator] === 'function';
  if (iterableOk || asyncOk) return;
  const kinds = orAsync ? 'an iterable or async iterable' : 'an iterable';
  throw new TypeError(`${method}(fn, iterable): iterable must be ${kinds} (an array, a Set, a generator, …); got ${describe(iterable)}, which is not`);
}

/** starmap's items are each a list of arguments for one call. */
export function checkArgumentLists(items: unknown[]): void {
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as { [Symbol.iterator]?: unknown } | null | undefined;
    if (typeof item?.[Symbol.iterator] !== 'function') {
      throw new TypeError(`starmap(fn, iterable): item ${i} must be a list of arguments for one call, e.g. [a, b]; got ${describe(item)}`);
    }
  }
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'function') return `a function (${value.name || 'anonymous'})`;
  if (typeof value !== 'object') return `${typeof value} ${String(value)}`;
  const name = (value as { constructor?: { name?: string } }).constructor?.name;
  if (Array.isArray(value)) return 'an array';
  return name === 'Object' ? 'a plain object' : `an object (${name ?? 'no prototype'})`;
}
