import { toTimeout } from './timeout.js';

/**
 * What the synchronisation primitives of main/sync and their proxies in workers agree on:
 * the kind names (which proxy class a worker builds), how an item put on a queue or sent
 * through a pipe travels, and how waiting options go over the wire. The manager's entries
 * have their own agreement (manager-wire.ts).
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

/**
 * What packing needs from the side it runs on: how that side turns its shared objects into
 * references and back (the parent's objects, a worker's proxies), and node:v8's serialiser
 * (passed in: this layer imports nothing environment-specific).
 */
export interface ItemCodec {
  encode(value: unknown, what: string): { value: unknown; refs: boolean };
  decode(value: unknown): unknown;
  serialize(value: unknown): Uint8Array;
  deserialize(bytes: Uint8Array): unknown;
}

/** `value` as a queue or pipe item; what cannot be sent fails here, in the caller, naming `what`. */
export function packItem(value: unknown, what: string, codec: ItemCodec): PackedItem {
  if (isPrimitive(value)) return value;
  // Shared objects become references; functions, symbols and the like are refused here.
  const { value: plain, refs } = codec.encode(value, what);
  let bytes: Uint8Array;
  try {
    bytes = codec.serialize(plain);
  } catch (error) {
    throw new TypeError(`${what} cannot be sent to another process: ${(error as Error).message}`, { cause: error });
  }
  return refs ? { refs: bytes } : bytes;
}

export function unpackItem(item: PackedItem, codec: ItemCodec): unknown {
  if (item instanceof Uint8Array) return codec.deserialize(item);
  if (isPrimitive(item)) return item;
  return codec.decode(codec.deserialize(item.refs));
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

/** Batched puts carry at most this many items per message, so one batch never hogs the parent. */
export const maxItemsPerBatch = 8192;
