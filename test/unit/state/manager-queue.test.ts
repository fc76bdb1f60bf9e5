import { afterEach, describe, expect, it } from 'vitest';
import { Manager, ManagerStateError, QueueEmptyError, QueueFullError, ValueError } from '../../../src/main/index.js';

let manager: Manager | undefined;
afterEach(async () => {
  await manager?.shutdown();
  manager = undefined;
});

describe('manager.queue', () => {
  it('is FIFO, with the contract Queue(3) behaviour: full, timeouts, nowait', async () => {
    manager = await Manager.start();
    const q = manager.queue<string>('q', 3);
    await q.put('a');
    await q.put('b');
    await q.putNowait('c');
    expect(await q.full()).toBe(true);
    expect(await q.qsize()).toBe(3);
    const started = Date.now();
    await expect(q.put('d', { timeout: 200 })).rejects.toBeInstanceOf(QueueFullError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    await expect(q.putNowait('d')).rejects.toThrow(/is full \(maxsize 3\)/);
    expect([await q.get(), await q.get(), await q.getNowait()]).toEqual(['a', 'b', 'c']);
    expect(await q.empty()).toBe(true);
    await expect(q.getNowait()).rejects.toBeInstanceOf(QueueEmptyError);
    await expect(q.get({ timeout: 50 })).rejects.toThrow(/get timed out after 50 ms/);
  });

  it('wakes a blocked get when an item arrives, in the order the getters came', async () => {
    manager = await Manager.start();
    const q = manager.queue<number>();
    const first = q.get();
    const second = q.get({ timeout: 5000 });
    await q.put(1);
    await q.put(2);
    expect(await first).toBe(1);
    expect(await second).toBe(2);
    expect(await q.qsize()).toBe(0);
  });

  it('wakes a blocked put when room is made', async () => {
    manager = await Manager.start();
    const q = manager.queue<number>(1);
    await q.put(1);
    const blocked = q.put(2);
    expect(await q.get()).toBe(1);
    await blocked;
    expect(await q.get()).toBe(2);
  });

  it('rejects waiters with ManagerStateError at shutdown', async () => {
    manager = await Manager.start();
    const waiting = manager.queue().get();
    await manager.shutdown();
    await expect(waiting).rejects.toBeInstanceOf(ManagerStateError);
  });

  it('changes maxsize when reopened with a new one', async () => {
    manager = await Manager.start();
    const q = manager.queue('resizable', 1);
    await q.put(1);
    expect(await q.full()).toBe(true);
    expect(manager.queue('resizable', 2)).toBe(q);
    expect(await q.full()).toBe(false);
    expect(manager.queue('resizable').maxsize).toBe(2);
  });
});

describe('manager.joinableQueue', () => {
  it('join resolves only after every item had its taskDone', async () => {
    manager = await Manager.start();
    const q = manager.joinableQueue<number>('jq');
    for (let i = 0; i < 3; i++) await q.put(i);
    let joined = false;
    const join = q.join().then(() => (joined = true));
    for (let i = 0; i < 3; i++) {
      await q.get();
      await new Promise((resolve) => setImmediate(resolve));
      expect(joined).toBe(false);
      await q.taskDone();
    }
    await join;
    expect(joined).toBe(true);
    await expect(q.taskDone()).rejects.toBeInstanceOf(ValueError);
  });
});
