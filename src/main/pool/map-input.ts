/**
 * What the map family accepts as input, checked in the caller before anything is sent, as
 * Python refuses `pool.map(f, 5)` with "'int' object is not iterable". Without the check a
 * number or a plain object became an empty list (`Array.from(5)` is `[]`) and the map
 * quietly answered `[]`.
 */

export function checkIterable(iterable: unknown, method: string, orAsync = false): void {
  const value = iterable as { [Symbol.iterator]?: unknown; [Symbol.asyncIterator]?: unknown } | null | undefined;
  const iterableOk = typeof value?.[Symbol.iterator] === 'function';
  const asyncOk = orAsync && typeof value?.[Symbol.asyncIterator] === 'function';
  if (iterableOk || asyncOk) return;
  const kinds = orAsync ? 'an iterable or async iterable' : 'an iterable';
  throw new TypeError(`${method}(fn, iterable): iterable must be ${kinds} (an array, a Set, a generator, …); got ${describe(iterable)}`);
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
  return `${name === 'Object' ? 'a plain object' : `an object (${name ?? 'no prototype'})`} that is not iterable`;
}
