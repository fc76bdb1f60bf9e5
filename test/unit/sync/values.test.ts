import { describe, expect, it } from 'vitest';
import { Lock, RawArray, RawValue, RLock, SharedArray, Value } from '../../../src/main/index.js';
import { remoteHost } from '../../../src/main/pool/remote-objects.js';

const forever = { block: true, timeout: null };

describe('Value in the parent', () => {
  it('stores like the C type of its typecode', async () => {
    const i = new Value('i', 0);
    await i.set(2 ** 31);
    expect(await i.get()).toBe(-(2 ** 31));
    await expect(i.set(1.5)).rejects.toThrow(TypeError);
    const B = new Value('B', 255);
    await B.set(256);
    expect(await B.get()).toBe(0);
    expect(await new Value('f', 0.1).get()).toBe(Math.fround(0.1));
    const d = new Value('d');
    expect(await d.get()).toBe(0);
    await d.set(1024);
    expect(await d.get()).toBe(1024);
    const q = new Value('q', 2n ** 63n - 1n);
    await q.set((await q.get()) + 1n);
    expect(await q.get()).toBe(-(2n ** 63n));
    await q.set(5);
    expect(await q.get()).toBe(5n);
    const c = new Value('c', 'a');
    expect(await c.get()).toBe('a');
    await c.set(66);
    expect(await c.get()).toBe('B');
    await expect(c.set('ab')).rejects.toThrow(TypeError);
    expect(await new Value('u', '€').get()).toBe('€');
    expect(() => new Value('z' as 'i', 0)).toThrow(TypeError);
  });

  it('comes with an RLock, a given lock, or none', async () => {
    expect(new Value('i', 0).getLock()).toBeInstanceOf(RLock);
    const lock = new Lock();
    expect(new Value('i', 0, { lock }).getLock()).toBe(lock);
    expect(() => new Value('i', 0, { lock: false }).getLock()).toThrow(TypeError);
    expect(() => new RawValue('i', 1).getLock()).toThrow(TypeError);
    expect(await new RawValue('h', 40_000).get()).toBe(40_000 - 65_536);
  });

  it('waits while another process holds its lock, as Python does', async () => {
    const v = new Value('i', 1);
    const lockHost = (v.getLock() as RLock)[remoteHost]();
    expect(lockHost.call('acquire', [forever], { pid: 999_401 })).toBe(true);
    let read: number | undefined;
    const reading = v.get().then((n) => (read = n));
    const valueHost = v[remoteHost]();
    await valueHost.call('set', [7], { pid: 999_401 }); // the holder writes at once
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(read).toBeUndefined();
    lockHost.call('release', [], { pid: 999_401 });
    await reading;
    expect(read).toBe(7);
  });

  it('lends its lock to a worker with the value, and takes back what it wrote', async () => {
    const v = new Value('i', 41);
    const lock = v.getLock();
    const lockHost = lock[remoteHost]();
    const grant = (await lockHost.call('acquireLease', [forever], { pid: 999_402 })) as { lease: Array<[number, unknown]> };
    expect(grant.lease.map(([, data]) => data)).toEqual([41]);
    const parentRead = v.get();
    lockHost.call('returnLease', [[[grant.lease[0]![0], 42]]], { pid: 999_402 });
    expect(await parentRead).toBe(42);
    // Taken again right away by the same process: a lease again; by the parent meanwhile: plain.
    await lock.acquire();
    expect(await lockHost.call('acquireLease', [{ block: false, timeout: null }], { pid: 999_402 })).toBe(false);
    await lock.release();
  });

  it('passes a lease of a process that died on, keeping what it sent late', async () => {
    const v = new Value('i', 0);
    const lockHost = v.getLock()[remoteHost]();
    const grant = (await lockHost.call('acquireLease', [forever], { pid: 999_403 })) as { lease: Array<[number, unknown]> };
    const parentRead = v.get();
    lockHost.processExited!(999_403);
    // Its last message arrives after its exit was seen: still applied.
    lockHost.call('returnLease', [[[grant.lease[0]![0], 5]]], { pid: 999_403 });
    expect(await parentRead).toBe(5);
  });
});

describe('SharedArray in the parent', () => {
  it('holds a fixed run of C values, with negative indexes as in Python', async () => {
    const arr = new SharedArray('i', [0, 1, 2, 3, 4]);
    expect(arr.length).toBe(5);
    for (let i = 0; i < arr.length; i++) await arr.set(i, -(await arr.get(i)));
    expect(await arr.toArray()).toEqual([0, -1, -2, -3, -4]);
    expect(await arr.get(-1)).toBe(-4);
    await expect(arr.get(5)).rejects.toThrow(RangeError);
    await expect(arr.set(0, 0.5)).rejects.toThrow(TypeError);
    expect(await new SharedArray('d', 3).toArray()).toEqual([0, 0, 0]);
    expect(await new SharedArray('c', 'hi').toArray()).toEqual(['h', 'i']);
    expect(arr.getLock()).toBeInstanceOf(RLock);
    expect(() => new RawArray('b', [1, 2]).getLock()).toThrow(TypeError);
  });
});
