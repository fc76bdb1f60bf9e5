/**
 * Manager dicts, namespaces and values of the parent, inside a worker. Every method is a
 * round trip, except get, set, has, delete and pop of the entries this worker holds on lease
 * with a manager lock (see leased-entries.ts and main/state/entry-leases.ts). Keys are
 * checked and encoded here as the parent does, so a bad key fails the same way either way.
 */
import { attributeKey, encodeKey, VALUE_KEY } from '../../shared/manager-wire.js';
import type { RemoteRef } from '../../shared/wire-value.js';
import { forwardingProxy, type RemoteCall } from '../remote-proxy.js';
import { attempt } from './attempt.js';
import { LeasedEntries } from './leased-entries.js';

function entriesOf(ref: RemoteRef, call: RemoteCall): { leased: LeasedEntries; name: string } {
  const key = ref.props?.guardKey;
  return { leased: new LeasedEntries(typeof key === 'number' ? key : -1, call), name: String(ref.props?.name) };
}

/** Keyed methods: `encode` turns the caller's key into the stored one (or throws its TypeError). */
function keyedMethods(leased: LeasedEntries, encode: (key: unknown) => string, what: (key: unknown) => string) {
  return {
    get: (key: unknown, fallback?: unknown) => attempt(() => leased.get(encode(key), fallback, [key, fallback])),
    set: (key: unknown, value: unknown) => attempt(() => leased.set(encode(key), value, what(key), [key, value])),
    has: (key: unknown) => attempt(() => leased.has(encode(key), [key])),
    delete: (key: unknown) => attempt(() => leased.delete(encode(key), [key])),
  };
}

export function managerDictProxy(ref: RemoteRef, call: RemoteCall): object {
  const { leased, name } = entriesOf(ref, call);
  return forwardingProxy(ref, call, {
    ...keyedMethods(leased, encodeKey, (key) => `dict '${name}'.set(${String(key)})`),
    pop: (key: unknown, fallback?: unknown) => attempt(() => leased.pop(encodeKey(key), fallback, [key, fallback])),
  });
}

export function managerNamespaceProxy(ref: RemoteRef, call: RemoteCall): object {
  const { leased, name } = entriesOf(ref, call);
  // A namespace's get has no fallback: an attribute never set reads as undefined.
  const methods = keyedMethods(leased, attributeKey, (attr) => `namespace '${name}'.set(${String(attr)})`);
  return forwardingProxy(ref, call, { ...methods, get: (attr: unknown) => methods.get(attr) });
}

export function managerValueProxy(ref: RemoteRef, call: RemoteCall): object {
  const { leased, name } = entriesOf(ref, call);
  return forwardingProxy(ref, call, {
    get: () => leased.get(VALUE_KEY, undefined, []),
    set: (value: unknown) => leased.set(VALUE_KEY, value, `value '${name}'.set`, [value]),
  });
}
