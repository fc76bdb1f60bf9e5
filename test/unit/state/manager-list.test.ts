import { afterEach, describe, expect, it } from 'vitest';
import { Manager } from '../../../src/main/index.js';

let manager: Manager | undefined;
afterEach(async () => {
  await manager?.shutdown();
  manager = undefined;
});

describe('manager.list', () => {
  it('appends, extends, indexes (negative too), sets, pops and reverses', async () => {
    manager = await Manager.start();
    const l = manager.list<number>('l', [0, 1, 2, 3, 4]);
    await l.append(5);
    await l.extend([6, 7]);
    expect(await l.length()).toBe(8);
    expect(await l.get(0)).toBe(0);
    expect(await l.get(-1)).toBe(7);
    await l.set(-2, 60);
    expect(await l.pop()).toBe(7);
    expect(await l.pop(0)).toBe(0);
    expect(await l.pop(2)).toBe(3);
    expect(await l.toArray()).toEqual([1, 2, 4, 5, 60]);
    await l.reverse();
    expect(await l.toArray()).toEqual([60, 5, 4, 2, 1]);
    await l.reverse();
    await l.append(9);
    expect(await l.toArray()).toEqual([1, 2, 4, 5, 60, 9]);
    await l.clear();
    expect(await l.length()).toBe(0);
  });

  it('throws RangeError (Python IndexError) out of range, TypeError for a non-integer index', async () => {
    manager = await Manager.start();
    const l = manager.list([1]);
    await expect(l.get(1)).rejects.toThrow(RangeError);
    await expect(l.get(-2)).rejects.toThrow(/index out of range \(length 1\)/);
    await expect(l.pop(3)).rejects.toThrow(RangeError);
    await expect(l.get(0.5)).rejects.toThrow(TypeError);
  });

  it('returns copies of nested items', async () => {
    manager = await Manager.start();
    const l = manager.list<number[]>();
    await l.append([1]);
    (await l.get(0)).push(2);
    expect(await l.toArray()).toEqual([[1]]);
  });
});

describe('manager.namespace and manager.value', () => {
  it('namespace gets and sets attributes', async () => {
    manager = await Manager.start();
    const ns = manager.namespace('ns');
    expect(await ns.get('x')).toBeUndefined();
    await ns.set('x', 10);
    await ns.set('y', [1]);
    expect(await ns.get('x')).toBe(10);
    expect(await ns.toObject()).toEqual({ x: 10, y: [1] });
    expect(await ns.delete('x')).toBe(true);
    expect(await ns.has('x')).toBe(false);
  });

  it('value keeps one value; init applies on creation only', async () => {
    manager = await Manager.start();
    const v = manager.value('v', 3.5);
    expect(await v.get()).toBe(3.5);
    await v.set(7);
    expect(await manager.value('v', 100).get()).toBe(7);
    expect(await manager.value(42).get()).toBe(42); // unnamed, init only
  });
});
