/**
 * Items of queues and pipes on a worker's side (see PackedItem in shared/sync-wire.ts): an
 * object is serialised inside put()/send(), so what cannot be cloned fails in the caller and
 * a later change to the object does not change what the receiver gets.
 */
import v8 from 'node:v8';
import { isPackedItem, isPrimitive, type PackedItem } from '../../shared/sync-wire.js';
import { decode, encode } from '../remote-proxy.js';

export function pack(value: unknown, what: string): PackedItem {
  if (isPrimitive(value)) return value;
  // Proxies become references; functions, symbols and the like are refused here.
  const { value: plain, refs } = encode(value, what);
  let bytes: Uint8Array;
  try {
    bytes = v8.serialize(plain);
  } catch (error) {
    throw new TypeError(`${what} cannot be sent to another process: ${(error as Error).message}`, { cause: error });
  }
  return refs ? { refs: bytes } : bytes;
}

export function unpack(item: unknown): unknown {
  if (!isPackedItem(item)) throw new TypeError('received a malformed item from the parent');
  if (item instanceof Uint8Array) return v8.deserialize(item);
  if (isPrimitive(item)) return item;
  return decode(v8.deserialize(item.refs), true);
}
