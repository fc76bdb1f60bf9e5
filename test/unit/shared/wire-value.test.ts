import { describe, expect, it } from 'vitest';
import { prepareWireValue, resolveRemoteRefs } from '../../../src/shared/wire-value.js';
import { chunkItems, packNumbers } from '../../../src/shared/number-packing.js';

const keep = () => undefined;

describe('prepareWireValue', () => {
  it('passes plain data through without copying it', () => {
    const value = [1, 'a', { b: [2, 3], m: new Map([[1, { c: 4 }]]), s: new Set([5]) }, new Date(0), 10n, new Uint8Array(2)];
    const prepared = prepareWireValue(value, keep, 'arguments');
    expect(prepared.value).toBe(value);
    expect(prepared.refs).toBe(false);
  });

  it('names where an uncloneable value sits', () => {
    expect(() => prepareWireValue([1, { cb: () => 1 }], keep, 'arguments')).toThrow(/arguments\[1\]\.cb is a function/);
    expect(() => prepareWireValue({ s: Symbol('x') }, keep, 'kwargs')).toThrow(/kwargs\.s is a symbol/);
    expect(() => prepareWireValue([Promise.resolve()], keep, 'arguments')).toThrow(/arguments\[0\] is a promise/);
    expect(() => prepareWireValue([new WeakMap()], keep, 'arguments')).toThrow(/a WeakMap/);
    expect(() => prepareWireValue([0, 1, () => 2], keep, 'input', 40)).toThrow(/input\[42\] is a function/);
    expect(() => prepareWireValue(new Map([['k', () => 1]]), keep, 'value')).toThrow(/value\.k is a function/);
  });

  it('swaps what the replacer claims, copying only the containers above it', () => {
    class Shared {}
    const shared = new Shared();
    const untouched = { a: [1, 2] };
    const value = [untouched, { deep: [shared] }];
    const prepared = prepareWireValue(value, (v) => (v instanceof Shared ? { ref: 1 } : undefined), 'arguments');
    expect(prepared.refs).toBe(true);
    expect(prepared.value).toEqual([untouched, { deep: [{ ref: 1 }] }]);
    expect((prepared.value as unknown[])[0]).toBe(untouched);
    expect(value[1]).toEqual({ deep: [shared] }); // the caller's value is not changed
  });

  it('resolves remote references back', () => {
    const marker = { __procpool_remote__: { id: 7, kind: 'Queue' } };
    expect(resolveRemoteRefs([marker, { x: marker }], (ref) => `queue#${ref.id}`)).toEqual(['queue#7', { x: 'queue#7' }]);
  });
});

describe('number packing', () => {
  it('packs long all-number lists exactly and leaves the rest alone', () => {
    const numbers = [0, -0, 1.5, NaN, Infinity, -Infinity, 2 ** 53, -7, 1e-300, ...Array.from({ length: 20 }, (_, i) => i)];
    const packed = packNumbers(numbers);
    expect(packed).toBeInstanceOf(Float64Array);
    const back = Array.from(chunkItems(packed));
    expect(back).toEqual(numbers);
    expect(Object.is(back[1], -0)).toBe(true);
    const mixed = [...numbers, 'x'];
    expect(packNumbers(mixed)).toBe(mixed);
    expect(packNumbers(numbers, 2, 22)).toEqual(Float64Array.from(numbers.slice(2, 22)));
    expect(packNumbers(mixed, 5, mixed.length)).toEqual(mixed.slice(5));
    const short = [1, 2, 3];
    expect(packNumbers(short)).toBe(short);
    expect(chunkItems(short)).toBe(short);
  });
});
