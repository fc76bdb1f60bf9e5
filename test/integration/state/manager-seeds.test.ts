/** The seed programs around Python's Manager, each one executable test. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Manager, Pool, Process } from '../../../src/main/index.js';
import { closedAfterEach, stateTasks, taskIn } from './fixture.js';

const task = taskIn(stateTasks);
const opened = closedAfterEach();

describe('Manager seeds', () => {
  it('a Manager queue shared by two pool tasks: the reader gets "itcast" in order', async () => {
    const manager = (opened.manager = await Manager.start());
    const q = manager.queue<string>();
    const pool = (opened.pool = new Pool({ processes: 2 }));
    const writerPid = await pool.apply(task('writer'), [q]);
    expect(await q.qsize()).toBe(6);
    const letters = await pool.apply(task('reader'), [q, 6]);
    expect(letters).toEqual([...'itcast']);
    expect(writerPid).not.toBe(process.pid);
  });

  it('a reader that starts first blocks until the writer puts (woken, not polling)', async () => {
    const manager = (opened.manager = await Manager.start());
    const q = manager.queue<string>('letters');
    const pool = (opened.pool = new Pool({ processes: 2 }));
    const reading = pool.apply(task('reader'), [q, 6]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await pool.apply(task('writer'), [q]);
    expect(await reading).toEqual([...'itcast']);
    expect(await q.empty()).toBe(true);
  });

  it('a dict and list: a child sets two keys and reverses the list; the parent sees it, also after a restart', async () => {
    const file = join((opened.dir = mkdtempSync(join(tmpdir(), 'procpool-seed-'))), 'state.db');
    const manager = (opened.manager = await Manager.start({ path: file }));
    const d = manager.dict('d');
    const l = manager.list('l', [0, 1, 2, 3, 4]);
    expect(await d.toObject()).toEqual({});
    const child = new Process({ target: task('setData'), args: [d, l] });
    child.start();
    await child.join();
    expect(child.exitcode).toBe(0);
    expect(await d.entries()).toEqual([[1, '1'], [0.5, null]]);
    expect(await l.toArray()).toEqual([4, 3, 2, 1, 0]);

    await manager.shutdown();
    const reopened = (opened.manager = await Manager.start({ path: file }));
    expect(await reopened.dict('d').entries()).toEqual([[1, '1'], [0.5, null]]);
    expect(await reopened.list('l').toArray()).toEqual([4, 3, 2, 1, 0]);
  });

  it('a worker killed while blocked in get does not swallow the next item', async () => {
    const manager = (opened.manager = await Manager.start());
    const q = manager.queue<string>('orphan');
    const pool = (opened.pool = new Pool({ processes: 1 }));
    const started = manager.queue<number>();
    const reading = pool.apply(task('announceThenGet'), [started, q]);
    reading.catch(() => {});
    const pid = await started.get();
    await new Promise((resolve) => setTimeout(resolve, 100)); // its get() follows the put on the same channel
    await pool.killWorker(pid);
    await expect(reading).rejects.toThrow();
    await q.put('kept');
    expect(await q.qsize()).toBe(1);
    expect(await q.get()).toBe('kept');
  });

  it('proxies in a worker know their name and kind, and refuse unknown methods', async () => {
    const manager = (opened.manager = await Manager.start());
    const pool = (opened.pool = new Pool({ processes: 1 }));
    const d = manager.dict('named');
    expect(await pool.apply(task('describeProxy'), [d])).toEqual({ name: 'named', kind: 'dict' });
    await expect(pool.apply(task('callMissing'), [d])).rejects.toThrow(/has no method nope\(\)/);
  });
});
