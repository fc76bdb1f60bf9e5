/**
 * Items of queues and pipes on the parent's side (see packItem in shared/sync-wire.ts):
 * objects are serialised inside put(), so a value that cannot be cloned fails in the caller
 * and later changes to the sender's object are not seen by the receiver.
 */
import v8 from 'node:v8';
import { isPrimitive, packItem, unpackItem, type ItemCodec, type PackedItem } from '../../shared/sync-wire.js';
import { decodePayload, encodePayload } from '../pool/payload.js';

const parentCodec: ItemCodec = {
  encode: encodePayload,
  decode: (value) => decodePayload(value, true),
  serialize: (value) => v8.serialize(value),
  deserialize: (bytes) => v8.deserialize(bytes) as unknown,
};

export function pack(value: unknown, what: string): PackedItem {
  return packItem(value, what, parentCodec);
}

export function unpack(item: PackedItem): unknown {
  return unpackItem(item, parentCodec);
}

/**
 * An item as the bytes recvBytes() gives: what send() serialised, or what sendBytes() sent.
 * A primitive, kept unserialised in the channel, is serialised now.
 */
export function itemBytes(item: PackedItem): Uint8Array {
  if (item instanceof Uint8Array) return item;
  if (isPrimitive(item)) return v8.serialize(item);
  return item.refs;
}
