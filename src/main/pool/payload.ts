/**
 * Arguments and results as bytes, serialised where they are produced: a value that cannot
 * be cloned fails in the caller, at submit time, with a message that says which argument.
 * Shared objects travel as references (remote-objects.ts) and come back as themselves.
 */
import v8 from 'node:v8';
import { isRemoteRefMarker, REMOTE_REF_KEY, replaceDeep } from '../../shared/remote-ref.js';
import { isShareable, remoteObjects } from './remote-objects.js';

export interface Payload {
  bytes: Uint8Array;
  refs: boolean;
}

export function encodePayload(value: unknown, what = 'arguments'): Payload {
  const { value: plain, replaced } = replaceDeep(value, (v) =>
    isShareable(v) ? { [REMOTE_REF_KEY]: remoteObjects.refFor(v) } : undefined,
  );
  try {
    return { bytes: v8.serialize(plain), refs: replaced };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TypeError(
      `${what} cannot be sent to a worker process: ${reason}. ` +
        'Pass plain data (numbers, strings, arrays, plain objects, Map, Set, Date, BigInt, typed arrays, Buffer) or shared objects (Queue, Lock, Value, …)',
      { cause: error },
    );
  }
}

export function decodePayload(bytes: Uint8Array, refs: boolean): unknown {
  const value: unknown = v8.deserialize(bytes);
  if (!refs) return value;
  return replaceDeep(value, (v) =>
    isRemoteRefMarker(v) ? remoteObjects.objectFor(v[REMOTE_REF_KEY].id) : undefined,
  ).value;
}
