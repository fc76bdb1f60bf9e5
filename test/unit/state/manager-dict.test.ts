import { afterEach, describe, expect, it } from 'vitest';
import { Manager, ManagerStateError } from '../../../src/main/index.js';

let manager: Manager | undefined;
afterEach(async () => {
  await manager?.shutdown();
  manager = undefined;
});

describe('manager.dict', () => {
  it('gets, sets, deletes and lists entries in insertion order', async () => {
    manager = await Manager.start();
    const d = manager.dict<unknown>('d');
    await d.set('b', 1);
    await d.set('a', 2);
    await d.set('b', 3); // an update keeps the key's place, as in a Python dict
    expect(await d.keys()).toEqual(['b', 'a']);
    expect(await d.get('b')).toBe(3);
    expect(await d.get('missing')).toBeUndefined();
    expect(await d.get('missing', 'fallback')).toBe('fallback');
    expect(await d.has('a')).toBe(true);
    expect(await d.delete('a')).toBe(true);
    expect(await d.delete('a')).toBe(false);
    expect(await d.entries()).toEqual([['b', 3]]);
    await d.update({ x: 'x', y: 'y' });
    expect(await d.toObject()).toEqual({ b: 3, x: 'x', y: 'y' });
    expect(await d.size()).toBe(3);
    expect(await d.pop('x')).toBe('x');
    await d.clear();
    expect(await d.size()).toBe(0);
  });

  it('keeps keys of different types apart, as in Python (1, 0.5, "1")', async () => {
    manager = await Manager.start();
    const d = manager.dict();
    await d.set(1, '1');
    await d.set(0.5, null);
    await d.set('1', 'string one');
    await d.set(10n, 'big');
    await d.set(true, 'yes');
    expect(await d.keys()).toEqual([1, 0.5, '1', 10n, true]);
    expect(await d.get(1)).toBe('1');
    expect(await d.get('1')).toBe('string one');
    await expect(d.set({} as never, 1)).rejects.toThrow(TypeError);
  });

  it('stores Map, Set, Date, BigInt and typed arrays as themselves', async () => {
    manager = await Manager.start();
    const d = manager.dict();
    const value = { m: new Map([[1, 'a']]), s: new Set([1, 2]), t: new Date(5), b: 2n ** 70n, u: new Uint8Array([1, 2]) };
    await d.set('v', value);
    expect(await d.get('v')).toEqual(value);
  });

  it('returns copies: mutating a nested value read out changes nothing until it is set back', async () => {
    manager = await Manager.start();
    const d = manager.dict<{ items: number[] }>('copies');
    await d.set('cfg', { items: [1] });
    const read = (await d.get('cfg'))!;
    read.items.push(2);
    expect(await d.get('cfg')).toEqual({ items: [1] });
    await d.set('cfg', read);
    expect(await d.get('cfg')).toEqual({ items: [1, 2] });
  });

  it('accepts initial content (Python: manager.dict({...}))', async () => {
    manager = await Manager.start();
    expect(await manager.dict({ a: 1 }).toObject()).toEqual({ a: 1 });
    expect(await manager.dict('named', new Map([[2, 'two']])).toMap()).toEqual(new Map([[2, 'two']]));
  });

  it('refuses values that cannot be stored, saying why', async () => {
    manager = await Manager.start();
    const d = manager.dict('d');
    await expect(d.set('f', () => 1)).rejects.toThrow(/cannot be stored/);
    await expect(d.set('q', manager.queue())).rejects.toThrow(/shared object/);
  });

  it('returns the same proxy for the same name, and refuses a name of another kind', async () => {
    manager = await Manager.start();
    expect(manager.dict('same')).toBe(manager.dict('same'));
    expect(() => manager!.list('same')).toThrow(/already a dict/);
    expect(manager.dict()).not.toBe(manager.dict());
  });

  it('rejects with ManagerStateError after shutdown', async () => {
    manager = await Manager.start();
    const d = manager.dict('d');
    await manager.shutdown();
    await expect(d.get('x')).rejects.toBeInstanceOf(ManagerStateError);
    expect(() => manager!.dict('e')).toThrow(ManagerStateError);
  });
});
