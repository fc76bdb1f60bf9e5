/**
 * Inside a worker, a shared object of the parent (queue, lock, value, manager proxy) is a
 * proxy: every method call is a round trip to the parent and returns a promise. Kinds whose
 * methods cannot simply be forwarded (a predicate cannot cross processes) register their own
 * proxy class in `proxyClasses`.
 */
import { fromWireError, type WireError } from '../shared/error-wire.js';
import { prepareWireValue, REMOTE_REF_KEY, resolveRemoteRefs, type RemoteRef } from '../shared/wire-value.js';
import { awaitReply } from './channel-hold.js';
import { workerContext } from './context.js';

export type RemoteCall = (method: string, args: unknown[]) => Promise<unknown>;
export type ProxyFactory = (ref: RemoteRef, call: RemoteCall) => object;

/** Kind-specific proxies, keyed by the kind the parent's object declares. */
export const proxyClasses = new Map<string, ProxyFactory>();

const refOf = new WeakMap<object, RemoteRef>();
const proxies = new Map<number, WeakRef<object>>();
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let nextCallId = 1;

export function callRemote(obj: number, method: string, args: unknown[]): Promise<unknown> {
  const callId = nextCallId++;
  const { value, refs } = encode(args, `arguments of ${method}()`);
  return new Promise((resolve, reject) => {
    pending.set(callId, { resolve, reject });
    awaitReply(1);
    workerContext().send({ t: 'call', callId, obj, method, args: value as unknown[], refs }, 'soon');
  });
}

export function settleRemoteCall(
  reply: { callId: number; ok: true; value: unknown; refs: boolean } | { callId: number; ok: false; error: WireError },
): void {
  const waiting = pending.get(reply.callId);
  if (!waiting) return;
  pending.delete(reply.callId);
  awaitReply(-1);
  if (reply.ok) waiting.resolve(decode(reply.value, reply.refs));
  else waiting.reject(fromWireError(reply.error, new Error('remote call').stack));
}

export function proxyFor(ref: RemoteRef): object {
  const existing = proxies.get(ref.id)?.deref();
  if (existing) return existing;
  const call: RemoteCall = (method, args) => callRemote(ref.id, method, args);
  const factory = proxyClasses.get(ref.kind) ?? forwardingProxy;
  const proxy = factory(ref, call);
  refOf.set(proxy, ref);
  proxies.set(ref.id, new WeakRef(proxy));
  return proxy;
}

/**
 * Forwards any method but those in `own`, which the proxy serves itself; `then` stays
 * undefined so a proxy is never mistaken for a promise.
 */
export function forwardingProxy(ref: RemoteRef, call: RemoteCall, own: Record<string, (...args: never[]) => Promise<unknown>> = {}): object {
  const methods = new Map<string, (...args: never[]) => Promise<unknown>>(Object.entries(own));
  return new Proxy(Object.freeze({ kind: ref.kind, ...ref.props }), {
    get(target, prop) {
      if (typeof prop !== 'string' || prop === 'then' || prop === 'toJSON') return undefined;
      let method = methods.get(prop);
      if (method) return method;
      if (prop in target) return (target as Record<string, unknown>)[prop];
      method = (...args: unknown[]) => call(prop, args);
      methods.set(prop, method);
      return method;
    },
  });
}

/** Whether `value` is a proxy of a parent's shared object (it cannot be stored, only passed). */
export function isProxy(value: object): boolean {
  return refOf.has(value);
}

/** Checks a value before it leaves; proxies received from the parent go back as references. */
export function encode(value: unknown, what: string): { value: unknown; refs: boolean } {
  return prepareWireValue(value, (v) => {
    const ref = refOf.get(v);
    return ref ? { [REMOTE_REF_KEY]: ref } : undefined;
  }, what);
}

export function decode(value: unknown, refs: boolean): unknown {
  return refs ? resolveRemoteRefs(value, proxyFor) : value;
}
