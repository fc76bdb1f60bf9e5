/**
 * Values with cycles and shared references are walked once per object, as a structured clone
 * walks them: a cycle does not overflow the stack, and what is shared stays shared.
 */
import { describe, expect, it } from 'vitest';
import { prepareWireValue, resolveRemoteRefs } from '../../../src/shared/wire-value.js';

const keep = () => undefined;
class Shared {}
const swapShared = (v: object) => (v instanceof Shared ? { ref: 1 } : undefined);

type Node = { n: number; self?: Node; next?: Node; shared?: Shared; list?: unknown[] };

describe('prepareWireValue with cycles and shared references', () => {
  it('passes a value with a cycle through as it is', () => {
    const c: Node = { n: 1 };
    c.self = c;
    const m = new Map<string, unknown>();
    m.set('me', m);
    const s = new Set<unknown>();
    s.add(s);
    const a: unknown[] = [];
    a.push(a, c, m, s);
    const prepared = prepareWireValue(a, keep, 'arguments');
    expect(prepared.value).toBe(a);
    expect(prepared.refs).toBe(false);
  });

  it('still finds a function behind a cycle, saying where', () => {
    const c: Node & { f?: () => void } = { n: 1 };
    c.self = c;
    c.next = { n: 2, self: c };
    c.f = () => {};
    expect(() => prepareWireValue([c], keep, 'arguments')).toThrow(/arguments\[0\]\.f is a function/);
  });

  it('ends however many paths lead to a shared object', () => {
    // 2^40 paths through 41 objects: walked once per path, this would never end.
    let node: unknown = { leaf: true };
    for (let i = 0; i < 40; i++) node = [node, node];
    let asked = 0;
    const prepared = prepareWireValue(node, () => void asked++, 'arguments');
    expect(prepared.value).toBe(node);
    expect(asked).toBeLessThan(2 ** 21);
  });

  it('keeps cycles and shared references in the copy made around a replaced object', () => {
    const shared = new Shared();
    const c: Node = { n: 1, shared };
    c.self = c;
    const twice = { n: 2 };
    c.list = [twice, twice, c, shared];
    const prepared = prepareWireValue({ c, again: c }, swapShared, 'arguments');
    expect(prepared.refs).toBe(true);
    const out = prepared.value as { c: Node; again: Node };
    expect(out.c).not.toBe(c);
    expect(out.again).toBe(out.c);
    expect(out.c.self).toBe(out.c);
    expect(out.c.shared).toEqual({ ref: 1 });
    expect(out.c.list![0]).toBe(twice); // nothing replaced below it: not copied
    expect(out.c.list![1]).toBe(twice);
    expect(out.c.list![2]).toBe(out.c);
    expect(out.c.list![3]).toEqual({ ref: 1 });
    expect(c.shared).toBe(shared); // the caller's value is not changed
    expect(c.self).toBe(c);
  });

  it('copies every container of a cycle that reaches a replaced object, Maps and Sets too', () => {
    const shared = new Shared();
    const m = new Map<string, unknown>();
    const s = new Set<unknown>([m]);
    m.set('set', s);
    m.set('shared', shared);
    const prepared = prepareWireValue([s], swapShared, 'arguments');
    const [outSet] = prepared.value as [Set<unknown>];
    expect(outSet).not.toBe(s);
    const [outMap] = [...outSet] as [Map<string, unknown>];
    expect(outMap).not.toBe(m);
    expect(outMap.get('set')).toBe(outSet);
    expect(outMap.get('shared')).toEqual({ ref: 1 });
  });

  it('resolves references inside a cycle on the receiving side', () => {
    const marker = { __procpool_remote__: { id: 7, kind: 'Queue' } };
    const c: Record<string, unknown> = { q: marker, again: marker };
    c.self = c;
    const out = resolveRemoteRefs(c, (ref) => `queue#${ref.id}`) as Record<string, unknown>;
    expect(out.q).toBe('queue#7');
    expect(out.again).toBe('queue#7');
    expect(out.self).toBe(out);
  });
});
