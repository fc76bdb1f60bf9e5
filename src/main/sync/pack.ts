/**
 * Items of queues and pipes on the parent's side (see PackedItem in shared/sync-wire.ts):
 * objects are serialised inside put(), so a value that cannot be cloned fails in the caller
 * and later changes to the sender's object are not seen by the receiver.
 */
import v8 from 'node:v8';
import { isPrimitive, type PackedItem } from '../../shared/sync-wire.js';
import { decodePayload, encodePayload } from '../pool/payload.js';

export function pack(value: unknown, what: string): PackedItem {
  if (isPrimitive(value)) return value;
  // Shared objects become references; functions, symbols and the like are refused here.
  const { value: plain, refs } = encodePayload(value, what);
  let bytes: Uint8Array;
  try {
    bytes = v8.serialize(plain);
  } catch (error) {
    throw new TypeError(`${what} cannot be sent to another process: ${(error as Error).message}`, { cause: error });
  }
  return refs ? { refs: bytes } : bytes;
}

export function unpack(item: PackedItem): unknown {
  if (item instanceof Uint8Array) return v8.deserialize(item);
  if (isPrimitive(item)) return item;
  return decodePayload(v8.deserialize(item.refs), true);
}
