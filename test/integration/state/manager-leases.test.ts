/**
 * Manager entries on lease with manager locks, in real worker processes: totals stay exact
 * under contention, writes are in place when a task's result arrives, the parent never reads
 * a value older than one it read before, a Lock may still be released by another process,
 * and a lease holder killed mid-loop hangs nobody.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Event, Manager, Pool, Process, Queue } from '../../../src/main/index.js';
import { closedAfterEach, leaseTasks, stateTasks, taskIn } from './fixture.js';

const task = taskIn(leaseTasks);
const opened = closedAfterEach();

describe('manager entries on lease', () => {
  it("the benchmark's loop: 2 workers × 2,000 increments under a manager lock give exactly 4,000; the parent's reads never go back", async () => {
    const manager = (opened.manager = await Manager.start());
    const d = manager.dict<number>('bench', { counter: 0 });
    const lock = manager.lock('bench-lock');
    const pool = (opened.pool = new Pool({ processes: 2 }));
    const work = Promise.all([0, 1].map(() => pool.apply({ module: stateTasks, name: 'incrementUnderLock' }, [d, lock, 2_000])));
    let done = false;
    void work.then(() => (done = true));
    const reads: number[] = [];
    while (!done) {
      reads.push((await d.get('counter'))!); // waits while a lease is out with it
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await work;
    expect(await d.get('counter')).toBe(4_000);
    expect(reads.every((n, i) => i === 0 || n >= reads[i - 1]!)).toBe(true);
  });

  it('4 workers × 1,000 increments of a dict key, a namespace attribute and a manager value under one lock: each exactly 4,000', async () => {
    const manager = (opened.manager = await Manager.start());
    const d = manager.dict<number>('d', { counter: 0 });
    const ns = manager.namespace('ns');
    await ns.set('hits', 0);
    const v = manager.value<number>('v', 0);
    const lock = manager.lock();
    const pool = (opened.pool = new Pool({ processes: 4 }));
    const pids = await Promise.all([0, 1, 2, 3].map(() => pool.apply(task('incrementAll'), [d, ns, v, lock, 1_000])));
    expect(new Set(pids).size).toBe(4);
    expect([await d.get('counter'), await ns.get('hits'), await v.get()]).toEqual([4_000, 4_000, 4_000]);
  });

  it("a worker's writes under a lease are committed by the time its task's result arrives", async () => {
    const file = join((opened.dir = mkdtempSync(join(tmpdir(), 'procpool-lease-'))), 'state.db');
    const manager = (opened.manager = await Manager.start({ path: file }));
    const d = manager.dict('d');
    const lock = manager.lock('l');
    const pool = (opened.pool = new Pool({ processes: 1 }));
    const reader = new Database(file, { readonly: true }); // sees committed data only
    try {
      for (const value of [1, { nested: [2, 3] }, 'three']) {
        await pool.apply(task('setUnderLock'), [d, lock, 'k', value]);
        const row = reader.prepare("SELECT value FROM manager_entries WHERE key = 'sk'").get() as { value: Buffer };
        expect(v8.deserialize(row.value)).toEqual(value);
        expect(await d.get('k')).toEqual(value);
      }
    } finally {
      reader.close();
    }
  });

  it('a value too large for a lease to carry stays a round trip, and the total is still exact', async () => {
    const manager = (opened.manager = await Manager.start());
    const d = manager.dict<{ n: number; pad: string }>('d', { big: { n: 0, pad: 'x'.repeat(8_000) } });
    const lock = manager.lock();
    const pool = (opened.pool = new Pool({ processes: 2 }));
    await Promise.all([0, 1].map(() => pool.apply(task('incrementBig'), [d, lock, 300])));
    expect((await d.get('big'))!.n).toBe(600);
  });

  it("a value that cannot be stored fails in the worker's set(), naming the key, and changes nothing", async () => {
    const manager = (opened.manager = await Manager.start());
    const d = manager.dict('d', { cfg: { a: 1 } });
    const pool = (opened.pool = new Pool({ processes: 1 }));
    const errors = (await pool.apply(task('setUnstorable'), [d, manager.lock(), new Queue()])) as Array<{ name: string; message: string }>;
    expect(errors.map((e) => e.name)).toEqual(['TypeError', 'TypeError']);
    expect(errors[0]!.message).toMatch(/^dict 'd'\.set\(cfg\): the value cannot be stored/);
    expect(errors[1]!.message).toMatch(/^dict 'd'\.set\(cfg\): a shared object .* cannot be stored/);
    expect(await d.get('cfg')).toEqual({ a: 1 });
  });

  it('a Lock held by one process may be released by another (the signalling idiom): a waiter proceeds', async () => {
    const manager = (opened.manager = await Manager.start());
    const lock = manager.lock('signal');
    const held = new Event();
    const never = new Event();
    const out = new Queue<string>();
    const holder = new Process({ target: task('holdAndWait'), args: [lock, held, never] });
    holder.start();
    expect(await held.wait(15_000)).toBe(true);
    const waiter = new Process({ target: task('acquireAndReport'), args: [lock, out] });
    waiter.start();
    const pool = (opened.pool = new Pool({ processes: 1 }));
    expect(await pool.apply(task('releaseOther'), [lock])).toBe('released');
    expect(await out.get({ timeout: 15_000 })).toBe('acquired');
    never.set();
    await Promise.all([holder.join(), waiter.join()]);
    expect([holder.exitcode, waiter.exitcode]).toEqual([0, 0]);
  });

  it('a lease holder killed with kill -9 mid-loop: the lock passes on, nobody hangs, the count stays consistent', async () => {
    const manager = (opened.manager = await Manager.start());
    const d = manager.dict<number>('d', { counter: 0 });
    const lock = manager.lock('l');
    const started = new Event();
    const p = new Process({ target: task('incrementForever'), args: [d, lock, started] });
    p.start();
    expect(await started.wait(15_000)).toBe(true);
    const before = (await d.get('counter'))!;
    p.kill();
    await p.join();
    expect(p.exitcode).toBe(-9);
    expect(await lock.acquire({ timeout: 5_000 })).toBe(true);
    const after = (await d.get('counter'))!;
    expect(after).toBeGreaterThanOrEqual(before);
    await lock.release();
    const pool = (opened.pool = new Pool({ processes: 1 }));
    await pool.apply({ module: stateTasks, name: 'incrementUnderLock' }, [d, lock, 100]);
    expect(await d.get('counter')).toBe(after + 100);
  });
});
