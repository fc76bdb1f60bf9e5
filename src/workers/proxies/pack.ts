/**
 * Items of queues and pipes on a worker's side (see packItem in shared/sync-wire.ts): an
 * object is serialised inside put()/send(), so what cannot be cloned fails in the caller and
 * a later change to the object does not change what the receiver gets.
 */
import v8 from 'node:v8';
import { isPackedItem, packItem, unpackItem, type ItemCodec, type PackedItem } from '../../shared/sync-wire.js';
import { decode, encode } from '../remote-proxy.js';

const workerCodec: ItemCodec = {
  encode,
  decode: (value) => decode(value, true),
  serialize: (value) => v8.serialize(value),
  deserialize: (bytes) => v8.deserialize(bytes) as unknown,
};

export function pack(value: unknown, what: string): PackedItem {
  return packItem(value, what, workerCodec);
}

/** What came from the parent is checked first: a malformed item is refused, never guessed at. */
export function unpack(item: unknown): unknown {
  if (!isPackedItem(item)) throw new TypeError('received a malformed item from the parent');
  return unpackItem(item, workerCodec);
}
