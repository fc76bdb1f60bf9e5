/**
 * How values and dict keys are stored. Values are node:v8 serialised (Map, Set, Date, BigInt,
 * typed arrays survive); every read deserialises a fresh copy, which is what makes a nested
 * value read out of a proxy a copy, as in Python: changing it changes nothing until set back.
 * The encoding itself is in shared/manager-wire.ts: workers holding entries on lease use it too.
 */
import v8 from 'node:v8';
import { encodeStored } from '../../shared/manager-wire.js';
import { isShareable } from '../pool/remote-objects.js';

export { decodeKey, encodeKey, type DictKey } from '../../shared/manager-wire.js';

export function encodeValue(value: unknown, what: string): Buffer {
  return encodeStored(value, what, isShareable, v8.serialize);
}

export function decodeValue(bytes: Uint8Array): unknown {
  return v8.deserialize(bytes);
}
