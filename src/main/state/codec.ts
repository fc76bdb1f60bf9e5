/**
 * How values and dict keys are stored. Values are node:v8 serialised (Map, Set, Date, BigInt,
 * typed arrays survive); every read deserialises a fresh copy, which is what makes a nested
 * value read out of a proxy a copy, as in Python: changing it changes nothing until set back.
 */
import v8 from 'node:v8';
import { isShareable } from '../pool/remote-objects.js';

export function encodeValue(value: unknown, what: string): Buffer {
  if (containsShareable(value)) {
    throw new TypeError(
      `${what}: a shared object (queue, lock, manager proxy) cannot be stored inside a manager object; store its name instead`,
    );
  }
  try {
    return v8.serialize(value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TypeError(
      `${what}: the value cannot be stored (${reason}). Store plain data: numbers, strings, arrays, plain objects, Map, Set, Date, BigInt, typed arrays`,
      { cause: error },
    );
  }
}

export function decodeValue(bytes: Uint8Array): unknown {
  return v8.deserialize(bytes);
}

/** Dict keys: primitives, kept apart by type as in Python (`1` and `'1'` are two keys). */
export type DictKey = string | number | bigint | boolean | null;

export function encodeKey(key: unknown): string {
  switch (typeof key) {
    case 'string':
      return `s${key}`;
    case 'number':
      return `n${String(key)}`; // String() round-trips every double; -0 becomes 0 as in a Map
    case 'bigint':
      return `b${key.toString()}`;
    case 'boolean':
      return key ? 't' : 'f';
    default:
      if (key === null) return 'z';
      throw new TypeError(
        `a manager dict key must be a string, number, bigint, boolean or null, not ${key === undefined ? 'undefined' : typeof key}`,
      );
  }
}

export function decodeKey(encoded: string): DictKey {
  const body = encoded.slice(1);
  switch (encoded[0]) {
    case 's':
      return body;
    case 'n':
      return Number(body);
    case 'b':
      return BigInt(body);
    case 't':
      return true;
    case 'f':
      return false;
    default:
      return null;
  }
}

function containsShareable(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || depth > 64) return false;
  if (isShareable(value)) return true;
  const children: Iterable<unknown> =
    value instanceof Map ? value.values() : value instanceof Set ? value : Array.isArray(value) ? value : Object.values(value);
  for (const child of children) if (containsShareable(child, depth + 1)) return true;
  return false;
}
