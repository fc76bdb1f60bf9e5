import { ValueError } from './errors.js';

/**
 * What the synchronisation primitives of main/sync and their proxies in workers agree on:
 * the kind names (which proxy class a worker builds), how an item put on a queue or sent
 * through a pipe travels, how waiting options go over the wire, and how manager entries are
 * encoded (a worker holding a manager lock on lease encodes them itself).
 */

/** Kind names, prefixed so they never clash with other shared objects (the Manager's). */
export const SyncKind = {
  Queue: 'sync.Queue',
  JoinableQueue: 'sync.JoinableQueue',
  Connection: 'sync.Connection',
  Lock: 'sync.Lock',
  RLock: 'sync.RLock',
  Semaphore: 'sync.Semaphore',
  BoundedSemaphore: 'sync.BoundedSemaphore',
  Event: 'sync.Event',
  Condition: 'sync.Condition',
  Barrier: 'sync.Barrier',
  Value: 'sync.Value',
  SharedArray: 'sync.SharedArray',
} as const;

export type Primitive = string | number | boolean | bigint | null | undefined;

/**
 * An item as a queue or a pipe holds it. Primitives are kept as they are (they cannot be
 * changed behind the queue's back); anything else is v8-serialised bytes made inside put(),
 * so a later change to the object by its sender changes nothing, and a value that cannot be
 * cloned fails in the caller. `{ refs }` marks bytes holding shared-object references.
 */
export type PackedItem = Primitive | Uint8Array | { refs: Uint8Array };

export function isPrimitive(value: unknown): value is Primitive {
  const type = typeof value;
  return value === null || (type !== 'object' && type !== 'function' && type !== 'symbol');
}

export function isPackedItem(value: unknown): value is PackedItem {
  if (isPrimitive(value) || value instanceof Uint8Array) return true;
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).length === 1 &&
    (value as { refs?: unknown }).refs instanceof Uint8Array
  );
}

/** How long a call may wait, as Python spells it (`block`, `timeout`) but in milliseconds. */
export interface WaitOptions {
  /** false: do not wait at all (the timeout is ignored). Default true. */
  block?: boolean;
  /** Milliseconds; undefined or Infinity waits as long as it takes. */
  timeout?: number;
}

/** `{ block, timeout }` as it crosses: timeout in ms, null for "as long as it takes". */
export interface WaitWire {
  block: boolean;
  timeout: number | null;
}

/** Checks what a caller gave (or a worker sent) and turns it into a WaitWire. */
export function toWaitWire(options: unknown, what: string): WaitWire {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new TypeError(`${what}: options must be { block?, timeout? }, got ${String(options)}`);
  }
  const { block = true, timeout } = (options ?? {}) as Record<string, unknown>;
  if (typeof block !== 'boolean') throw new TypeError(`${what}: block must be a boolean, got ${String(block)}`);
  return { block, timeout: toTimeout(timeout, what) };
}

/** A timeout in ms, or null for none. Negative or non-numeric timeouts are refused, as in Python. */
export function toTimeout(timeout: unknown, what: string): number | null {
  if (timeout === undefined || timeout === null || timeout === Number.POSITIVE_INFINITY) return null;
  if (typeof timeout !== 'number' || Number.isNaN(timeout) || timeout < 0) {
    throw new ValueError(`${what}: timeout must be a non-negative number of milliseconds, got ${String(timeout)}`);
  }
  return timeout;
}

/** Batched puts carry at most this many items per message, so one batch never hogs the parent. */
export const maxItemsPerBatch = 8192;

/**
 * Manager entries (dict keys, namespace attributes, a value's one entry) as both sides agree
 * on them: since a worker holding a manager lock on lease reads and writes the entries it
 * guards itself (main/state/entry-leases.ts), it encodes keys and values exactly as the
 * parent stores them. The serialiser is node:v8's on both sides, passed in: this layer
 * imports nothing environment-specific.
 */
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

function containsShared(value: unknown, isShared: (v: object) => boolean, depth = 0): boolean {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || depth > 64) return false;
  if (isShared(value)) return true;
  const children: Iterable<unknown> =
    value instanceof Map ? value.values() : value instanceof Set ? value : Array.isArray(value) ? value : Object.values(value);
  for (const child of children) if (containsShared(child, isShared, depth + 1)) return true;
  return false;
}
