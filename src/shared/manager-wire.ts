/**
 * Manager entries (dict keys, namespace attributes, a value's one entry) as both sides agree
 * on them: since a worker holding a manager lock on lease reads and writes the entries it
 * guards itself (main/state/entry-leases.ts), it encodes keys and values exactly as the
 * parent stores them. The serialiser is node:v8's on both sides, passed in: this layer
 * imports nothing environment-specific.
 */

/** The kinds a worker builds proxies for, namespaced apart from main/sync's (SyncKind). */
export const ManagerKind = {
  Dict: 'manager.dict',
  Namespace: 'manager.namespace',
  Value: 'manager.value',
} as const;

/** Dict keys: primitives, kept apart by type as in Python (`1` and `'1'` are two keys). */
export type DictKey = string | number | bigint | boolean | null;

/** The key of a manager value's single entry. */
export const VALUE_KEY = '';

/** An entry a lease carries or brings back: its stored key and value bytes, null when absent. */
export type LeasedEntry = [key: string, bytes: Uint8Array | null];

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

/** A namespace attribute's stored key: the name itself, which must be a non-empty string. */
export function attributeKey(attr: unknown): string {
  if (typeof attr !== 'string' || attr === '') {
    throw new TypeError(`a namespace attribute name must be a non-empty string, not ${JSON.stringify(attr) ?? typeof attr}`);
  }
  return attr;
}

/**
 * A value as a manager stores it, or a TypeError naming `what` (e.g. `dict 'd'.set(k)`).
 * `isShared` tells this side's shared objects (the parent's objects, a worker's proxies):
 * they cannot be stored, only named.
 */
export function encodeStored<B>(value: unknown, what: string, isShared: (v: object) => boolean, serialize: (v: unknown) => B): B {
  if (containsShared(value, isShared)) {
    throw new TypeError(
      `${what}: a shared object (queue, lock, manager proxy) cannot be stored inside a manager object; store its name instead`,
    );
  }
  try {
    return serialize(value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TypeError(
      `${what}: the value cannot be stored (${reason}). Store plain data: numbers, strings, arrays, plain objects, Map, Set, Date, BigInt, typed arrays`,
      { cause: error },
    );
  }
}

/** Each object is looked into once: a cycle, or one object reached twice, is no new work. */
function containsShared(value: unknown, isShared: (v: object) => boolean, seen = new Set<object>(), depth = 0): boolean {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || depth > 64 || seen.has(value)) return false;
  seen.add(value);
  if (isShared(value)) return true;
  const children: Iterable<unknown> =
    value instanceof Map ? value.values() : value instanceof Set ? value : Array.isArray(value) ? value : Object.values(value);
  for (const child of children) if (containsShared(child, isShared, seen, depth + 1)) return true;
  return false;
}
