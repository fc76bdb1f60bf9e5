import { describe, expect, it } from 'vitest';
import { BoundedSemaphore, Lock, RLock, Semaphore, ValueError } from '../../../src/main/index.js';
import { remoteHost } from '../../../src/main/pool/remote-objects.js';

const forever = { block: true, timeout: null };

describe('Lock in the parent', () => {
  it('excludes, times out, and refuses a release when not held', async () => {
    const lock = new Lock();
    expect(() => lock.release()).toThrow(ValueError);
    expect(await lock.acquire()).toBe(true);
    expect(await lock.acquire({ block: false })).toBe(false);
    const started = Date.now();
    expect(await lock.acquire({ timeout: 30 })).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    const next = lock.acquire();
    await lock.release();
    expect(await next).toBe(true);
    await lock.release();
    expect(() => lock.release()).toThrow(ValueError);
  });

  it('serves waiters first come, first served', async () => {
    const lock = new Lock();
    await lock.acquire();
    const order: number[] = [];
    const waits = [1, 2, 3].map((n) => lock.acquire().then(() => order.push(n)));
    for (let i = 0; i < 3; i++) {
      await lock.release();
      await waits[i];
    }
    expect(order).toEqual([1, 2, 3]);
  });

  it('passes to the next waiter when its holder process ends', async () => {
    const lock = new Lock();
    const host = lock[remoteHost]();
    expect(host.call('acquire', [forever], { pid: 999_101 })).toBe(true);
    const parentWaits = lock.acquire({ timeout: 5_000 });
    host.processExited!(999_101);
    expect(await parentWaits).toBe(true);
    await lock.release();
  });
});

describe('RLock in the parent', () => {
  it('counts its owner acquisitions and refuses others', async () => {
    const lock = new RLock();
    expect(await lock.acquire()).toBe(true);
    expect(await lock.acquire()).toBe(true);
    const host = lock[remoteHost]();
    expect(host.call('acquire', [{ block: false, timeout: null }], { pid: 999_201 })).toBe(false);
    expect(() => host.call('release', [], { pid: 999_201 })).toThrow(ValueError);
    await lock.release();
    expect(host.call('acquire', [{ block: false, timeout: null }], { pid: 999_201 })).toBe(false);
    await lock.release();
    expect(host.call('acquire', [{ block: false, timeout: null }], { pid: 999_201 })).toBe(true);
    expect(() => lock.release()).toThrow(ValueError);
  });
});

describe('Semaphore in the parent', () => {
  it('counts slots and wakes a waiter on release', async () => {
    const sem = new Semaphore(2);
    expect(await sem.acquire()).toBe(true);
    expect(await sem.acquire()).toBe(true);
    expect(sem.getValue()).toBe(0);
    expect(await sem.acquire({ timeout: 10 })).toBe(false);
    const waiting = sem.acquire();
    sem.release();
    expect(await waiting).toBe(true);
    sem.release();
    sem.release();
    sem.release(); // a plain Semaphore may go above its start
    expect(sem.getValue()).toBe(3);
  });

  it('BoundedSemaphore refuses a release beyond its value', async () => {
    const sem = new BoundedSemaphore(1);
    expect(() => sem.release()).toThrow(ValueError);
    await sem.acquire();
    sem.release();
    expect(() => sem.release()).toThrow(ValueError);
    expect(sem.getValue()).toBe(1);
  });

  it('returns the slots of a process that ended, never above the start value', async () => {
    const sem = new Semaphore(1);
    const host = sem[remoteHost]();
    expect(host.call('acquire', [forever], { pid: 999_301 })).toBe(true);
    const waiting = sem.acquire({ timeout: 5_000 });
    host.processExited!(999_301);
    expect(await waiting).toBe(true);
    const signal = new Semaphore(0);
    const signalHost = signal[remoteHost]();
    signal.release();
    expect(signalHost.call('acquire', [forever], { pid: 999_302 })).toBe(true);
    signalHost.processExited!(999_302);
    expect(signal.getValue()).toBe(0); // a consumed signal is not handed back
  });
});
