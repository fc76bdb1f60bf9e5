/**
 * Manager entries lent with manager locks, driven through the hosts workers call, with
 * made-up PIDs standing for workers: what a lease carries, who waits while it is out, what
 * comes back, and what a Lock's release from another process does meanwhile.
 */
import v8 from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import { Manager, ValueError, type DictProxy, type Lock, type RLock } from '../../../src/main/index.js';
import { remoteHost, type RemoteHost } from '../../../src/main/pool/remote-objects.js';

const forever = { block: true, timeout: null };
type Grant = { lease: Array<[number, Array<[string, Uint8Array | null]>]> };

let manager: Manager | undefined;
afterEach(async () => {
  await manager?.shutdown();
  manager = undefined;
});

const host = (object: DictProxy | Lock | RLock): RemoteHost => object[remoteHost]();
const as = (pid: number) => ({ pid });
const later = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

/** A worker `pid` holding `lock` plainly touches `keys` of `d` by round trip, then lets go. */
async function teach(pid: number, lock: Lock | RLock, d: DictProxy, keys: string[]): Promise<void> {
  expect(host(lock).call('acquire', [forever], as(pid))).toBe(true);
  for (const key of keys) await host(d).call('get', [key], as(pid));
  await host(lock).call('release', [], as(pid));
}

async function lease(pid: number, lock: Lock | RLock): Promise<Grant> {
  const grant = (await host(lock).call('acquireLease', [forever], as(pid))) as Grant;
  expect(grant.lease).toBeDefined();
  return grant;
}

/** What a grant carries of `d`: stored key -> decoded value (null: absent). */
function carried(grant: Grant, d: DictProxy): Record<string, unknown> {
  const entries = grant.lease.find(([key]) => key === d.guardKey)?.[1] ?? [];
  return Object.fromEntries(entries.map(([key, bytes]) => [key, bytes === null ? null : v8.deserialize(bytes)]));
}

function pending<T>(promise: Promise<T>): { settled: () => boolean; promise: Promise<T> } {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  return { settled: () => done, promise };
}

describe('entry leases', () => {
  it('a worker holding one manager lock teaches it the entries it touches; leases carry them and bring writes back, committed at once', async () => {
    manager = await Manager.start();
    const d = manager.dict<unknown>('d', { counter: 1, other: 'x' });
    const lock = manager.lock('l');
    expect(carried(await lease(999_501, lock), d)).toEqual({});
    host(lock).call('returnLease', [[]], as(999_501));

    await teach(999_501, lock, d, ['counter', 'missing']);
    const grant = await lease(999_502, lock);
    expect(carried(grant, d)).toEqual({ scounter: 1, smissing: null });

    const read = pending(d.get('counter'));
    expect(await d.get('other')).toBe('x'); // not guarded: no wait
    await later();
    expect(read.settled()).toBe(false); // waits rather than reads a value the worker may have changed

    host(lock).call('returnLease', [[[d.guardKey, [['scounter', v8.serialize(2)], ['smissing', v8.serialize('new')]]]]], as(999_502));
    expect(manager.store.db.inTransaction).toBe(false); // committed as it came back
    expect(await read.promise).toBe(2);
    expect(await d.get('missing')).toBe('new');
    expect(await lock.acquire({ block: false })).toBe(true);
    await lock.release();
  });

  it('whole-dict reads and settledSnapshot() wait for the lease too, and a write that waited is not overwritten', async () => {
    manager = await Manager.start();
    const d = manager.dict<number>('counts', { counter: 0, seen: 1 });
    const lock = manager.lock('l');
    await teach(999_511, lock, d, ['counter']);
    await lease(999_511, lock);

    const keys = pending(d.keys());
    const size = pending(d.size());
    const whole = pending(d.toObject());
    const settled = pending(manager.settledSnapshot());
    const write = pending(d.set('counter', 10));
    expect(manager.snapshot().find((o) => o.name === 'counts')?.preview).toBe('{ counter: 0, seen: 1 }');
    await later();
    expect([keys, size, whole, settled, write].map((p) => p.settled())).toEqual([false, false, false, false, false]);

    host(lock).call('returnLease', [[[d.guardKey, [['scounter', v8.serialize(5)]]]]], as(999_511));
    expect(await keys.promise).toEqual(['counter', 'seen']);
    expect(await size.promise).toBe(2);
    expect(await whole.promise).toEqual({ counter: 5, seen: 1 });
    expect((await settled.promise).find((o) => o.name === 'counts')?.preview).toBe('{ counter: 5, seen: 1 }');
    await write.promise;
    expect(await d.get('counter')).toBe(10);
  });

  it("a Lock's release by another process waits for the lease, then releases the plain hold, and the next waiter proceeds", async () => {
    manager = await Manager.start();
    const lock = manager.lock('signal');
    await lease(999_521, lock);
    const released = lock.release(); // the parent is "another process"
    expect(released).toBeInstanceOf(Promise);
    const waiter = pending(host(lock).call('acquire', [forever], as(999_522)) as Promise<boolean>);
    await later();
    expect(waiter.settled()).toBe(false);

    host(lock).call('holdLease', [[], 1], as(999_521)); // the worker's turn ended with the lock held
    await released;
    expect(await waiter.promise).toBe(true);
    await host(lock).call('release', [], as(999_522));
  });

  it("a release that waited finds the lock free if the lease holder let go in its turn: ValueError, and the lock still passes on", async () => {
    manager = await Manager.start();
    const lock = manager.lock('l');
    await lease(999_531, lock);
    const late = host(lock).call('release', [], as(999_532)) as Promise<void>;
    const waiter = host(lock).call('acquire', [forever], as(999_533)) as Promise<boolean>;
    host(lock).call('returnLease', [[]], as(999_531));
    await expect(late).rejects.toBeInstanceOf(ValueError);
    expect(await waiter).toBe(true);
  });

  it('an RLock lease still held when the turn ends keeps its count as a plain hold', async () => {
    manager = await Manager.start();
    const lock = manager.rlock('r');
    await lease(999_541, lock);
    host(lock).call('holdLease', [[], 2], as(999_541));
    expect(() => host(lock).call('release', [], as(999_542))).toThrow(ValueError); // an RLock's owner is a process
    await host(lock).call('release', [], as(999_541));
    expect(await lock.acquire({ block: false })).toBe(false);
    await host(lock).call('release', [], as(999_541));
    expect(await lock.acquire({ block: false })).toBe(true);
    await lock.release();
  });

  it('carries small values only, at most 32 entries a lock, and learns nothing from a worker holding two manager locks', async () => {
    manager = await Manager.start();
    const d = manager.dict<unknown>('d');
    await d.set('big', 'x'.repeat(5000));
    await d.set('small', 1);
    const lock = manager.lock('l');
    await teach(999_551, lock, d, ['big', 'small', ...Array.from({ length: 40 }, (_, i) => `k${i}`)]);
    const grant = carried(await lease(999_551, lock), d);
    expect(Object.keys(grant)).toHaveLength(31); // 32 guarded, the big one not carried
    expect(grant).toMatchObject({ ssmall: 1 });
    expect(grant).not.toHaveProperty('sbig');
    host(lock).call('returnLease', [[]], as(999_551));

    const a = manager.lock('a');
    const b = manager.lock('b');
    const e = manager.dict('e', { x: 1 });
    expect(host(a).call('acquire', [forever], as(999_552))).toBe(true);
    await teach(999_552, b, e, ['x']);
    await host(a).call('release', [], as(999_552));
    expect(carried(await lease(999_552, a), e)).toEqual({});
    host(a).call('returnLease', [[]], as(999_552));
    expect(carried(await lease(999_552, b), e)).toEqual({});
    host(b).call('returnLease', [[]], as(999_552));
  });

  it('what comes back is checked: keys not lent and bytes that do not decode change nothing', async () => {
    manager = await Manager.start();
    const d = manager.dict<unknown>('d', { k: 1, other: 2 });
    const lock = manager.lock('l');
    await teach(999_561, lock, d, ['k']);
    await lease(999_561, lock);
    const back = [[d.guardKey, [['sother', v8.serialize(9)], ['sk', new Uint8Array([0xff, 1, 2])], 'junk']], 'junk'];
    host(lock).call('returnLease', [back], as(999_561));
    expect(await d.toObject()).toEqual({ k: 1, other: 2 });
  });

  it('a lease holder that dies loses what it did not send back; the lock passes on after a short grace', async () => {
    manager = await Manager.start();
    const d = manager.dict<number>('d', { counter: 7 });
    const lock = manager.lock('l');
    await teach(999_571, lock, d, ['counter']);
    await lease(999_571, lock);
    const read = d.get('counter');
    const taken = lock.acquire({ timeout: 5_000 });
    host(lock).processExited!(999_571);
    expect(await read).toBe(7);
    expect(await taken).toBe(true);
    await lock.release();
  });
});
