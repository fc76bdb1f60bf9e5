/**
 * Values cross processes as structured clones inside the message batches. Before a value
 * leaves, one walk does two things: it refuses what cannot be cloned (functions, symbols,
 * promises, weak collections), naming where it sits, so the sender fails, not the channel;
 * and it swaps shared objects (queues, locks, values, manager proxies) for references,
 * `{ __procpool_remote__: { id, kind, props } }`, that the other side turns back into
 * something usable: a proxy in a worker, the object itself in the parent.
 */

export const REMOTE_REF_KEY = '__procpool_remote__';

export interface RemoteRef {
  id: number;
  kind: string;
  /** Values fixed for the object's life, readable without a round trip (e.g. `parties`). */
  props?: Record<string, unknown>;
}

export type RemoteRefMarker = { [REMOTE_REF_KEY]: RemoteRef };

export function isRemoteRefMarker(value: unknown): value is RemoteRefMarker {
  return typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, REMOTE_REF_KEY);
}

/** Returns a substitute for `value`, or undefined to keep it (and walk into it). */
export type Replacer = (value: object) => unknown;

/**
 * Walks arrays, plain objects, Maps and Sets. Containers are copied only where something
 * below them was replaced, so a large array of numbers costs one pass and no copy.
 * Throws a TypeError that says where an uncloneable value sits (`what[2].callback`).
 */
export function prepareWireValue(
  value: unknown,
  replace: Replacer,
  what: string,
  /** Where this value starts in a longer list (a chunk of a map's input), for messages. */
  firstIndex = 0,
): { value: unknown; refs: boolean } {
  let refs = false;
  const path: Array<string | number> = [];

  const refuse = (kind: string): never => {
    const where = path.map((k, depth) => (typeof k === 'number' ? `[${depth === 0 ? k + firstIndex : k}]` : `.${k}`));
    throw new TypeError(
      `${what}${where.join('')} is ${kind} and cannot be sent to another process; ` +
        'send plain data (numbers, strings, arrays, plain objects, Map, Set, Date, BigInt, typed arrays, Buffer) or shared objects (Queue, Lock, Value, …)',
    );
  };

  const visit = (v: unknown): unknown => {
    if (typeof v === 'function') return refuse(`a function (${(v as { name?: string }).name || 'anonymous'})`);
    if (typeof v === 'symbol') return refuse('a symbol');
    if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v) || v instanceof Date) return v;
    const substitute = replace(v);
    if (substitute !== undefined) {
      refs = true;
      return substitute;
    }
    if (Array.isArray(v)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        const t = typeof item;
        if (t !== 'object' && t !== 'function' && t !== 'symbol') continue;
        if (item === null) continue;
        path.push(i);
        const next = visit(item);
        path.pop();
        if (next !== item) (copy ??= v.slice())[i] = next;
      }
      return copy ?? v;
    }
    if (v instanceof Map) {
      let changed = false;
      const entries = [...v].map(([k, item]) => {
        path.push(String(k));
        const next = visit(item);
        path.pop();
        if (next !== item) changed = true;
        return [k, next] as const;
      });
      return changed ? new Map(entries) : v;
    }
    if (v instanceof Set) {
      let changed = false;
      const items = [...v].map((item) => {
        const next = visit(item);
        if (next !== item) changed = true;
        return next;
      });
      return changed ? new Set(items) : v;
    }
    if (v instanceof Promise) return refuse('a promise (await it first)');
    if (v instanceof WeakMap || v instanceof WeakSet || v instanceof WeakRef) return refuse(`a ${v.constructor.name}`);
    let copy: Record<string, unknown> | undefined;
    for (const key of Object.keys(v)) {
      const item = (v as Record<string, unknown>)[key];
      if (typeof item !== 'object' && typeof item !== 'function' && typeof item !== 'symbol') continue;
      path.push(key);
      const next = visit(item);
      path.pop();
      if (next !== item) (copy ??= { ...(v as Record<string, unknown>) })[key] = next;
    }
    return copy ?? v;
  };

  const prepared = visit(value);
  return { value: prepared, refs };
}

/** The receiving side: swaps every reference back for what `resolve` makes of it. */
export function resolveRemoteRefs(value: unknown, resolve: (ref: RemoteRef) => unknown): unknown {
  return prepareWireValue(value, (v) => (isRemoteRefMarker(v) ? resolve(v[REMOTE_REF_KEY]) : undefined), 'received value').value;
}
