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
 * Past this many objects, or this deep, the walk remembers every object it enters, so that
 * nothing is walked twice; below, a cycle is caught on the path alone, which keeps the common
 * walk free of a hash lookup per object (ten times the cost of the walk itself). Values that
 * share objects get here only by sharing them along very many paths (`[x, x]` forty deep).
 */
const untrackedVisits = 1 << 20;
const untrackedDepth = 64;

/**
 * Walks arrays, plain objects, Maps and Sets. A cycle is walked once, as a structured clone
 * does. Containers are copied only where something below them was replaced, so a large array
 * of numbers costs one pass and no copy; a copy keeps the value's cycles and shared objects.
 * Throws a TypeError that says where an uncloneable value sits (`what[2].callback`).
 */
export function prepareWireValue(
  value: unknown,
  replace: Replacer,
  what: string,
  /** Where this value starts in a longer list (a chunk of a map's input), for messages. */
  firstIndex = 0,
): { value: unknown; refs: boolean } {
  const substitutes = new Map<object, unknown>();
  const path: Array<string | number> = [];
  const ancestors: object[] = [];
  let entered: Set<object> | undefined;
  let visits = 0;

  const refuse = (kind: string): never => {
    const where = path.map((k, depth) => (typeof k === 'number' ? `[${depth === 0 ? k + firstIndex : k}]` : `.${k}`));
    throw new TypeError(
      `${what}${where.join('')} is ${kind} and cannot be sent to another process; ` +
        'send plain data (numbers, strings, arrays, plain objects, Map, Set, Date, BigInt, typed arrays, Buffer) or shared objects (Queue, Lock, Value, …)',
    );
  };

  /** Whether to walk into `v`: not if it is walked already (a cycle, or entered before). */
  const enter = (v: object): boolean => {
    if (entered) {
      if (entered.has(v)) return false;
      entered.add(v);
      return true;
    }
    if (ancestors.includes(v)) return false;
    if (++visits > untrackedVisits || ancestors.length > untrackedDepth) entered = new Set([v]);
    return true;
  };

  const visit = (v: unknown): void => {
    if (typeof v === 'function') return refuse(`a function (${(v as { name?: string }).name || 'anonymous'})`);
    if (typeof v === 'symbol') return refuse('a symbol');
    if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v) || v instanceof Date || !enter(v)) return;
    if (substitutes.size > 0 && substitutes.has(v)) return;
    const substitute = replace(v);
    if (substitute !== undefined) {
      substitutes.set(v, substitute);
      return;
    }
    ancestors.push(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        const t = typeof item;
        if (item === null || (t !== 'object' && t !== 'function' && t !== 'symbol')) continue;
        path.push(i);
        visit(item);
        path.pop();
      }
    } else if (v instanceof Map) {
      for (const [k, item] of v) {
        path.push(String(k));
        visit(item);
        path.pop();
      }
    } else if (v instanceof Set) {
      for (const item of v) visit(item);
    } else if (v instanceof Promise) {
      refuse('a promise (await it first)');
    } else if (v instanceof WeakMap || v instanceof WeakSet || v instanceof WeakRef) {
      refuse(`a ${v.constructor.name}`);
    } else {
      for (const key of Object.keys(v)) {
        const item = (v as Record<string, unknown>)[key];
        if (typeof item !== 'object' && typeof item !== 'function' && typeof item !== 'symbol') continue;
        path.push(key);
        visit(item);
        path.pop();
      }
    }
    ancestors.pop();
  };

  visit(value);
  if (substitutes.size === 0) return { value, refs: false };
  return { value: copyAroundSubstitutes(value, substitutes), refs: true };
}

/** What a container holds, as the walk sees it. */
function childrenOf(container: object): Iterable<unknown> {
  if (Array.isArray(container) || container instanceof Set) return container as Iterable<unknown>;
  if (container instanceof Map) return container.values();
  return Object.values(container);
}

function isContainer(v: unknown): v is object {
  return typeof v === 'object' && v !== null && !ArrayBuffer.isView(v) && !(v instanceof Date);
}

/**
 * The value with its substitutes in place: every container from which a substitute can be
 * reached is copied (cycles and shared objects kept among the copies), the rest is left as
 * it is. Shared objects are rarely sent, so this slower walk is rarely made.
 */
function copyAroundSubstitutes(value: unknown, substitutes: Map<object, unknown>): unknown {
  // Which containers hold which objects, to read backwards from each substitute.
  const holders = new Map<object, object[]>();
  const walked = new Set<object>();
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const v = pending.pop();
    if (!isContainer(v) || walked.has(v) || substitutes.has(v)) continue;
    walked.add(v);
    for (const child of childrenOf(v)) {
      if (!isContainer(child)) continue;
      const list = holders.get(child);
      if (list) list.push(v);
      else holders.set(child, [v]);
      pending.push(child);
    }
  }
  const changed = new Set<object>();
  const upward = [...substitutes.keys()];
  for (let object = upward.pop(); object; object = upward.pop()) {
    for (const holder of holders.get(object) ?? []) {
      if (changed.has(holder)) continue;
      changed.add(holder);
      upward.push(holder);
    }
  }

  const copies = new Map<object, unknown>();
  const copy = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (substitutes.has(v)) return substitutes.get(v);
    if (!changed.has(v)) return v;
    if (copies.has(v)) return copies.get(v);
    if (Array.isArray(v)) {
      const out = new Array<unknown>(v.length);
      copies.set(v, out);
      for (let i = 0; i < v.length; i++) out[i] = copy(v[i]);
      return out;
    }
    if (v instanceof Map) {
      const out = new Map<unknown, unknown>();
      copies.set(v, out);
      for (const [k, item] of v) out.set(copy(k), copy(item));
      return out;
    }
    if (v instanceof Set) {
      const out = new Set<unknown>();
      copies.set(v, out);
      for (const item of v) out.add(copy(item));
      return out;
    }
    const out: Record<string, unknown> = {};
    copies.set(v, out);
    for (const key of Object.keys(v)) out[key] = copy((v as Record<string, unknown>)[key]);
    return out;
  };
  return copy(value);
}

/** The receiving side: swaps every reference back for what `resolve` makes of it. */
export function resolveRemoteRefs(value: unknown, resolve: (ref: RemoteRef) => unknown): unknown {
  return prepareWireValue(value, (v) => (isRemoteRefMarker(v) ? resolve(v[REMOTE_REF_KEY]) : undefined), 'received value').value;
}
