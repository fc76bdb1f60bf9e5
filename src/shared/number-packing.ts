/**
 * A map chunk's items, and its results, are always a list. When every element is a number
 * the list travels as one Float64Array: a copy of bytes instead of one tagged value per
 * element, several times faster both ways for the numeric maps pools are used for. Exact for
 * every number, -0 and NaN included. The receiver knows a chunk is a list, so a Float64Array
 * in that place can only be a packed one.
 */

export function packNumbers(list: unknown[]): unknown[] | Float64Array {
  if (list.length < 16) return list;
  for (let i = 0; i < list.length; i++) if (typeof list[i] !== 'number') return list;
  return Float64Array.from(list as number[]);
}

export function unpackNumbers(value: unknown): unknown[] {
  return value instanceof Float64Array ? Array.from(value) : (value as unknown[]);
}
