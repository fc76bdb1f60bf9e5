import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AsyncResult, Pool, PoolStateError, ProcessStateError, TimeoutError } from '../../../src/main/index.js';
import { tasks } from '../../helpers.js';

const task = (name: string) => ({ module: tasks, name });
let pool: Pool | undefined;
afterEach(async () => {
  await pool?.terminate();
  pool = undefined;
});

describe('Pool, the seed programs', () => {
  it('5: Pool(3) with 10 applyAsync tasks: at most 3 PIDs, at most 3 at once, all results', async () => {
    pool = new Pool(3);
    const results = Array.from({ length: 10 }, (_, i) => pool!.applyAsync<{ pid: number; start: number; end: number }>(task('pidAfter'), [100 + i * 10]));
    const runs = await Promise.all(results.map((r) => r.get()));
    expect(runs).toHaveLength(10);
    expect(new Set(runs.map((r) => r.pid)).size).toBeLessThanOrEqual(3);
    for (const r of runs) expect(r.pid).not.toBe(process.pid);
    // At any instant, at most 3 tasks were running.
    for (const r of runs) {
      const overlapping = runs.filter((o) => o.start <= r.start && o.end > r.start);
      expect(overlapping.length).toBeLessThanOrEqual(3);
    }
  });

  // A time bound: on a loaded 2-core machine a starved run is tried again, the bound kept.
  it('6: get(1000) of a quick task, TimeoutError after about 1 s for a slow one, map, imap with next(timeout), mapAsync', { retry: 2 }, async () => {
    pool = new Pool({ processes: 2, module: tasks });
    // Workers started from sources take ~1 s on a busy machine; the bound is for the task alone.
    await pool.map('square', [1, 2]);
    expect(await pool.applyAsync('square', [10]).get(1000)).toBe(100);

    const slow = pool.applyAsync('sleep', [10_000]);
    const started = Date.now();
    await expect(slow.get(1000)).rejects.toThrow(TimeoutError);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(waited).toBeLessThan(2500);
    expect(slow.ready()).toBe(false);

    expect(await pool.map('square', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual([0, 1, 4, 9, 16, 25, 36, 49, 64, 81]);

    const it = pool.imap<number>('square', [0, 1, 2, 3]);
    expect(await it.next()).toEqual({ done: false, value: 0 });
    expect(await it.next(5000)).toEqual({ done: false, value: 1 });
    const rest: number[] = [];
    for await (const v of it) rest.push(v);
    expect(rest).toEqual([4, 9]);

    const slowIt = pool.imap<number>('sleep', [1000]);
    await expect(slowIt.next(200)).rejects.toThrow(TimeoutError);

    const async = pool.mapAsync<number>('square', [1, 2, 3]);
    expect(await async.get()).toEqual([1, 4, 9]);
    expect(async.successful()).toBe(true);
  });
});

describe('Pool, the rest of the contract', () => {
  it('takes task references in all three forms', async () => {
    pool = new Pool({ processes: 1, module: new URL(`file://${tasks}`) });
    expect(await pool.apply(task('square'), [3])).toBe(9);
    expect(await pool.apply('square', [4])).toBe(16);
    expect(await pool.apply((x: number) => x * 3, [5])).toBe(15);
    expect(await pool.apply(function triple(x: number) { return x * 3; }, [6])).toBe(18);
    expect(await pool.apply(async (x: number) => x + 1, [1])).toBe(2);
  });

  it('passes kwargs as the last argument', async () => {
    pool = new Pool({ processes: 1 });
    expect(await pool.apply(task('echo'), [1, 'a'], { m: 20 })).toEqual([1, 'a', { m: 20 }]);
    const r = pool.applyAsync(task('echo'), [2], { kwargs: { k: true } });
    expect(await r.get()).toEqual([2, { k: true }]);
  });

  it('keeps structured values intact both ways', async () => {
    pool = new Pool({ processes: 1 });
    const value = { m: new Map([[1, 'a']]), s: new Set([1, 2]), d: new Date(5), b: 10n ** 20n, t: new Float64Array([1.5]), buf: Buffer.from('hi'), nested: [{ x: [1, 2] }] };
    const [back] = (await pool.apply(task('echo'), [value])) as [typeof value];
    expect(back.m).toEqual(value.m);
    expect(back.s).toEqual(value.s);
    expect(back.d).toEqual(value.d);
    expect(back.b).toBe(value.b);
    expect(back.t).toEqual(value.t);
    expect(Buffer.from(back.buf).toString()).toBe('hi');
    expect(back.nested).toEqual(value.nested);
  });

  it('starmap, starmapAsync and imapUnordered', async () => {
    pool = new Pool({ processes: 2 });
    const add = (a: number, b: number) => a + b;
    expect(await pool.starmap(add, [[1, 2], [3, 4], [5, 6]])).toEqual([3, 7, 11]);
    expect(await pool.starmapAsync(add, [[1, 1]]).get()).toEqual([2]);
    const out: number[] = [];
    for await (const v of pool.imapUnordered<number>(task('sleepThen'), [0, 1, 2, 3].map((i) => i), { chunksize: 1 })) out.push(v as number);
    expect(out).toHaveLength(4);
  });

  it('imapUnordered yields in completion order', async () => {
    pool = new Pool({ processes: 2 });
    await pool.map(task('pidAfter'), [50, 50], { chunksize: 1 }); // both workers up
    const order: number[] = [];
    for await (const ms of pool.imapUnordered<number>(task('sleep'), [1500, 50, 100])) order.push(ms);
    expect(order).toEqual([50, 100, 1500]);
  });

  it('imap pulls an endless generator lazily', async () => {
    pool = new Pool({ processes: 2 });
    let pulled = 0;
    function* naturals() {
      for (let i = 0; ; i++) {
        pulled++;
        yield i;
      }
    }
    const seen: number[] = [];
    for await (const v of pool.imap<number>((x: number) => x * 2, naturals(), { chunksize: 10 })) {
      seen.push(v);
      if (seen.length === 100) break;
    }
    expect(seen.slice(0, 5)).toEqual([0, 2, 4, 6, 8]);
    expect(pulled).toBeLessThan(100 + 2 * 128 * 10 + 10); // 2 workers × 128 open chunks of 10
  });

  it('imap accepts async iterables and reports an input that throws in place', async () => {
    pool = new Pool({ processes: 1 });
    async function* source() {
      yield 1;
      yield 2;
      throw new Error('input broke');
    }
    const it = pool.imap<number>((x: number) => x, source());
    expect((await it.next()).value).toBe(1);
    expect((await it.next()).value).toBe(2);
    await expect(it.next()).rejects.toThrow('input broke');
    expect((await it.next()).done).toBe(true);
  });

  it('uses the default chunksize ceil(n / (4 × workers)) and keeps input order', async () => {
    pool = new Pool({ processes: 2 });
    const starts: number[] = [];
    pool.on('task:start', ({ taskId }) => starts.push(taskId));
    const input = Array.from({ length: 80 }, (_, i) => i);
    expect(await pool.map((x: number) => x + 1, input)).toEqual(input.map((x) => x + 1));
    expect(starts).toHaveLength(8); // 80 / (4 × 2) = 10 items a chunk
    expect(await pool.map((x: number) => x, [], {})).toEqual([]);
  });

  it('AsyncResult: callbacks, wait, ready, successful', async () => {
    pool = new Pool({ processes: 1, module: tasks });
    let called: unknown;
    let failed: Error | undefined;
    const ok = pool.applyAsync<number>('square', [4], { callback: (v) => (called = v) });
    const bad = pool.applyAsync('fail', ['nope'], { errorCallback: (e) => (failed = e) });
    expect(() => ok.successful()).toThrow(ProcessStateError);
    await ok.wait();
    await bad.wait(5000);
    expect(ok.ready()).toBe(true);
    expect(ok.successful()).toBe(true);
    expect(called).toBe(16);
    expect(bad.successful()).toBe(false);
    expect(failed?.message).toBe('nope');
    expect(ok).toBeInstanceOf(AsyncResult);
    const slow = pool.applyAsync('sleep', [2000]);
    const before = Date.now();
    await slow.wait(100);
    expect(Date.now() - before).toBeLessThan(1000);
    expect(slow.ready()).toBe(false);
  });

  it('an error in a task keeps its name and message, with the worker stack', async () => {
    pool = new Pool({ processes: 1, module: tasks });
    const error = await pool.apply('fail', ['out of range']).catch((e: Error) => e);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).name).toBe('RangeError');
    expect((error as Error).message).toBe('out of range');
    expect((error as Error).stack).toContain('fixtures/tasks.ts');
  });

  it('an inline function using a variable of its surroundings fails with a clear ReferenceError', async () => {
    pool = new Pool({ processes: 1 });
    const factor = 3;
    const error = await pool.apply((x: number) => x * factor, [1]).catch((e: Error) => e);
    expect((error as Error).name).toBe('ReferenceError');
    expect((error as Error).message).toMatch(/factor is not defined.*cannot use variables of their surroundings/);
  });

  it('refuses uncloneable arguments in the caller and fails only the task with an uncloneable result', async () => {
    pool = new Pool({ processes: 1, module: tasks });
    expect(() => pool!.applyAsync('echo', [{ f: () => 1 }])).toThrow(/arguments\[0\]\.f is a function/);
    await expect(pool.map('echo', [1, Symbol('x')])).rejects.toThrow(/input\[1\] is a symbol/);
    expect(() => pool!.imap('echo', [[1, { f() {} }]])).not.toThrow(); // imap reports it on next()
    const it = pool.imap('echo', [1, 2, () => 3]);
    expect((await it.next()).value).toEqual([1]);
    expect((await it.next()).value).toEqual([2]);
    await expect(it.next()).rejects.toThrow(/input\[2\] is a function/);
    await expect(pool.apply('returnsFunction')).rejects.toThrow(/result.*is a function/);
    expect(await pool.apply('square', [2])).toBe(4);
  });

  it('refuses map input that is not iterable, and starmap items that are not argument lists, in the caller', async () => {
    pool = new Pool({ processes: 1, module: tasks });
    const p = pool;
    expect(() => p.mapAsync('square', 5 as never)).toThrow(/map\(fn, iterable\): iterable must be an iterable .*; got number 5/);
    await expect(p.map('square', { length: 2 } as never)).rejects.toThrow(/got a plain object, which is not/);
    await expect(p.starmap('square', null as never)).rejects.toThrow(/starmap\(fn, iterable\).*got null/);
    await expect(p.starmap('square', [[1], 2] as never)).rejects.toThrow(/item 1 must be a list of arguments for one call, e\.g\. \[a, b\]; got number 2/);
    expect(() => p.imap('square', 7 as never)).toThrow(/imap\(fn, iterable\): iterable must be an iterable or async iterable .*; got number 7/);
    expect(() => p.imapUnordered('square', undefined as never)).toThrow(/got undefined/);
    await expect(p.apply('square', 3 as never)).rejects.toThrow(/^apply\(fn, args, kwargs\): args must be an array of arguments, e\.g\. \[1, 2\]; got number 3$/);
    expect(() => p.applyAsync('square', [1], { kwargs: 'x' as never })).toThrow(/applyAsync\(fn, args, \{ kwargs \}\): kwargs must be an object .*got string x/);
    expect(p.workers()[0]!.tasksDone).toBe(0);
    expect(await p.map('square', 'ab' as never)).toEqual([Number.NaN, Number.NaN]); // a string is iterable, as in Python
  });

  it("says which module did not load and why: missing, a syntax error (with its line), or an error thrown as it loads", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'procpool-modules-'));
    try {
      const broken = join(dir, 'broken.mjs');
      writeFileSync(broken, 'export function f(x) {\n  return x +;\n}\n');
      const throwing = join(dir, 'throwing.mjs');
      writeFileSync(throwing, "throw new RangeError('no config here');\n");
      pool = new Pool({ processes: 1 });
      await expect(pool.apply({ module: broken, name: 'f' }, [1])).rejects.toMatchObject({
        name: 'SyntaxError',
        message: `cannot load the module ${broken}: Unexpected token ';' (line 2: return x +;)`,
      });
      await expect(pool.apply({ module: join(dir, 'nowhere.mjs'), name: 'f' }, [1])).rejects.toThrow(`cannot load the module ${join(dir, 'nowhere.mjs')}: it does not exist`);
      await expect(pool.apply({ module: throwing, name: 'f' }, [1])).rejects.toMatchObject({ name: 'RangeError', message: `cannot load the module ${throwing}: no config here` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the initializer once per worker with initargs', async () => {
    pool = new Pool({ processes: 2, module: tasks, initializer: 'init', initargs: ['cfg', 42] });
    const seen = await pool.map('initValue', [1, 2, 3, 4], { chunksize: 1 });
    for (const v of seen) expect(v).toEqual(['cfg', 42]);
  });

  it('replaces a worker after maxtasksperchild tasks', async () => {
    pool = new Pool({ processes: 1, maxtasksperchild: 2, module: tasks });
    const pids = [];
    for (let i = 0; i < 6; i++) pids.push(await pool.apply<number>('pid'));
    expect(new Set(pids).size).toBe(3);
    expect(pids[0]).toBe(pids[1]);
    expect(pids[1]).not.toBe(pids[2]);
  });

  it('refuses work after close() or terminate(), and join() before either', async () => {
    pool = new Pool({ processes: 1, module: tasks });
    await expect(pool.join()).rejects.toThrow(PoolStateError);
    const pending = pool.applyAsync('sleepThen', [200, 'done']);
    pool.close();
    expect(() => pool!.applyAsync('square', [1])).toThrow(new PoolStateError('Pool not running'));
    await expect(pool.map('square', [1])).rejects.toThrow(PoolStateError);
    expect(() => pool!.imap('square', [1])).toThrow(PoolStateError);
    await pool.join();
    expect(await pending.get()).toBe('done'); // close() lets submitted work finish
    expect(pool.workers()).toHaveLength(0);
  });

  // A time bound: on a loaded 2-core machine a starved run is tried again, the bound kept.
  it('terminate() rejects unfinished work and returns within a bounded time, even against busy loops', { retry: 2 }, async () => {
    pool = new Pool({ processes: 2, module: tasks, graceMs: 300 });
    const busy = expect(pool.map('spin', [30_000, 30_000], { chunksize: 1 })).rejects.toThrow(PoolStateError);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    await pool.terminate();
    expect(Date.now() - started).toBeLessThan(2000);
    await busy;
    expect(pool.workers()).toHaveLength(0);
  });

  it('await using terminates the pool', async () => {
    let pids: number[];
    {
      await using scoped = new Pool({ processes: 2, module: tasks });
      await scoped.apply('square', [1]);
      pids = scoped.workers().map((w) => w.pid);
    }
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  });

  it('validates its options', () => {
    expect(() => new Pool({ processes: 0 })).toThrow(/at least 1/);
    expect(() => new Pool({ maxtasksperchild: 0 })).toThrow(/maxtasksperchild/);
    expect(() => new Pool({ module: 'relative/tasks.js' })).toThrow(/absolute path/);
    pool = new Pool({ processes: 1 });
    expect(() => pool!.applyAsync('square')).toThrow(/without \{ module \}/);
    expect(() => pool!.mapAsync((x: number) => x, [1], { chunksize: 0 })).toThrow(/chunksize/);
    expect(() => pool!.applyAsync(Math.max)).toThrow(/task function 'max' is a built-in function: it has no source to send/);
    const bound = function triple(this: number, x: number) { return this * x; }.bind(3);
    expect(() => pool!.applyAsync(bound)).toThrow(/task function 'bound triple' is a bound function.*e\.g\. \(\.\.\.args\) => Math\.max/);
  });
});
