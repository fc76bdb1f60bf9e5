/**
 * Shared objects (queues, locks, values, manager proxies) live in the parent. When one is
 * passed to a worker it travels as a marker `{ __procpool_remote__: { id, kind, props } }`,
 * and the worker turns the marker into a proxy that calls back to the parent.
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
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.prototype.hasOwnProperty.call(value, REMOTE_REF_KEY)
  );
}

/**
 * Walks arrays, plain objects, Maps and Sets, replacing every value for which `replace`
 * returns something other than `undefined`. Containers are copied only where a replacement
 * happened below them, so a large array of numbers costs one pass and no copy.
 */
export function replaceDeep(
  value: unknown,
  replace: (value: unknown) => unknown,
): { value: unknown; replaced: boolean } {
  let replaced = false;
  const visit = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) return v;
    const substitute = replace(v);
    if (substitute !== undefined) {
      replaced = true;
      return substitute;
    }
    if (Array.isArray(v)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (typeof item !== 'object' || item === null) continue;
        const next = visit(item);
        if (next !== item) (copy ??= v.slice())[i] = next;
      }
      return copy ?? v;
    }
    if (v instanceof Map) {
      let changed = false;
      const entries = [...v].map(([k, item]) => {
        const next = visit(item);
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
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return v;
    let copy: Record<string, unknown> | undefined;
    for (const [k, item] of Object.entries(v)) {
      const next = visit(item);
      if (next !== item) (copy ??= { ...(v as Record<string, unknown>) })[k] = next;
    }
    return copy ?? v;
  };
  const result = visit(value);
  return { value: result, replaced };
}
