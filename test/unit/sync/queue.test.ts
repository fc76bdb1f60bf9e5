import { describe, expect, it } from 'vitest';
import { JoinableQueue, Lock, Queue, QueueEmptyError, QueueFullError, ValueError } from '../../../src/main/index.js';
import { remoteHost } from '../../../src/main/pool/remote-objects.js';

describe('Queue in the parent', () => {
  it('is first in, first out, and reports its size', async () => {
    const q = new Queue<number>();
    expect(q.empty()).toBe(true);
    for (let i = 0; i < 5; i++) await q.put(i);
    expect(q.qsize()).toBe(5);
    expect(q.full()).toBe(false);
    const got = [];
    for (let i = 0; i < 5; i++) got.push(await q.get());
    expect(got).toEqual([0, 1, 2, 3, 4]);
  });

  it('copies objects inside put: a later change is not received', async () => {
    const q = new Queue<{ n: number; nested: number[] }>();
    const obj = { n: 1, nested: [1, 2] };
    await q.put(obj);
    obj.n = 2;
    obj.nested.push(3);
    expect(await q.get()).toEqual({ n: 1, nested: [1, 2] });
  });

  it('refuses what cannot be cloned in the caller', async () => {
    const q = new Queue();
    await expect(q.put({ f: () => 1 })).rejects.toThrow(TypeError);
    expect(() => q.putNowait(Symbol('x'))).toThrow(TypeError);
    expect(q.qsize()).toBe(0);
  });

  it('wakes a waiting get when an item arrives', async () => {
    const q = new Queue<string>();
    const got = q.get();
    q.putNowait('x');
    expect(await got).toBe('x');
  });

  it('times out a get with QueueEmptyError and a full put with QueueFullError', async () => {
    const q = new Queue(1);
    await expect(q.get({ timeout: 20 })).rejects.toThrow(QueueEmptyError);
    expect(() => q.getNowait()).toThrow(QueueEmptyError);
    await q.put(1);
    await expect(q.put(2, { timeout: 20 })).rejects.toThrow(QueueFullError);
    await expect(q.put(2, { block: false })).rejects.toThrow(QueueFullError);
    expect(q.qsize()).toBe(1);
  });

  it('lets a blocked put in, in order, when room frees', async () => {
    const q = new Queue<number>(1);
    await q.put(1);
    const second = q.put(2);
    const third = q.put(3);
    expect(await q.get()).toBe(1);
    await second;
    expect(await q.get()).toBe(2);
    await third;
    expect(await q.get()).toBe(3);
  });

  it('refuses a timeout that is not a number, and works after close in no way', async () => {
    const q = new Queue();
    await expect(q.get({ timeout: Number.NaN })).rejects.toThrow(ValueError);
    q.close();
    await expect(q.put(1)).rejects.toThrow(ValueError);
  });

  it('carries shared objects as themselves', async () => {
    const q = new Queue<{ lock: Lock }>();
    const lock = new Lock();
    await q.put({ lock });
    expect((await q.get()).lock).toBe(lock);
  });

  it('drops the wait of a process that ended, so it never swallows an item', async () => {
    const q = new Queue<string>();
    const host = q[remoteHost]();
    const lost = Promise.resolve(host.call('get', [{ block: true, timeout: null }], { pid: 999_001 }));
    lost.catch(() => {});
    host.processExited!(999_001);
    await expect(lost).rejects.toThrow(/exited/);
    q.putNowait('kept');
    expect(q.getNowait()).toBe('kept');
    // A late call from the same process is refused too.
    expect(() => host.call('get', [{ block: true, timeout: null }], { pid: 999_001 })).toThrow(/exited/);
  });

  it('keeps a waiting put of a process that ended', async () => {
    const q = new Queue<string>(1);
    q.putNowait('first');
    const host = q[remoteHost]();
    const put = Promise.resolve(host.call('put', ['second', { block: true, timeout: 30 }], { pid: 999_002 }));
    host.processExited!(999_002);
    await new Promise((resolve) => setTimeout(resolve, 60)); // past its timeout
    expect(q.getNowait()).toBe('first');
    await put;
    expect(q.getNowait()).toBe('second');
  });
});

describe('JoinableQueue in the parent', () => {
  it('join() resolves when every item is marked done; one taskDone() too many throws', async () => {
    const q = new JoinableQueue<number>();
    await q.join(); // nothing put: at once
    await q.put(1);
    await q.put(2);
    let joined = false;
    const join = q.join().then(() => (joined = true));
    await q.get();
    q.taskDone();
    await Promise.resolve();
    expect(joined).toBe(false);
    await q.get();
    q.taskDone();
    await join;
    expect(joined).toBe(true);
    expect(() => q.taskDone()).toThrow(ValueError);
  });
});
