/**
 * Arguments and results on the parent's side of the wire: checked where they are produced,
 * so a value that cannot be cloned fails in the caller, at submit time, saying where it
 * sits. Shared objects travel as references (remote-objects.ts) and come back as themselves.
 */
import { fromWireError } from '../../shared/error-wire.js';
import type { WorkerMessage } from '../../shared/worker-protocol.js';
import { prepareWireValue, resolveRemoteRefs } from '../../shared/wire-value.js';
import type { Outcome } from './task.js';
import { isShareable, remoteObjects } from './remote-objects.js';

export interface Payload {
  value: unknown;
  /** The value holds shared-object references. */
  refs: boolean;
}

export function encodePayload(value: unknown, what = 'arguments', firstIndex = 0): Payload {
  return prepareWireValue(
    value,
    (v) => (isShareable(v) ? { __procpool_remote__: remoteObjects.refFor(v) } : undefined),
    what,
    firstIndex,
  );
}

export function decodePayload(value: unknown, refs: boolean): unknown {
  return refs ? resolveRemoteRefs(value, (ref) => remoteObjects.objectFor(ref.id)) : value;
}

/** A call's arguments and keyword arguments, each checked under its own name. */
export function encodeCall(args: unknown[], kwargs: Record<string, unknown> | undefined): Payload {
  const positional = encodePayload(args, 'arguments');
  if (kwargs === undefined) return { value: [positional.value], refs: positional.refs };
  const named = encodePayload(kwargs, 'kwargs');
  return { value: [positional.value, named.value], refs: positional.refs || named.refs };
}

/** A worker's answer to a task, as the caller will see it. */
export function decodeOutcome(message: Extract<WorkerMessage, { t: 'result' }>): Outcome {
  if (!message.ok) return { ok: false, error: fromWireError(message.error) };
  try {
    return { ok: true, value: decodePayload(message.value, message.refs) };
  } catch (error) {
    return { ok: false, error: error as Error };
  }
}
