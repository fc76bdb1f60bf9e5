import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Manager } from '../../../src/main/index.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'procpool-persist-'));
  file = join(dir, 'state.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function restarted(): Promise<Manager> {
  return Manager.start({ path: file });
}

describe('restart persistence on the same file', () => {
  it('keeps a dict', async () => {
    const m = await Manager.start({ path: file });
    await m.dict('d').update(new Map<string | number, unknown>([['a', 1], [2, new Set([3])]]));
    await m.shutdown();
    const again = await restarted();
    expect(await again.dict('d').toMap()).toEqual(new Map<string | number, unknown>([['a', 1], [2, new Set([3])]]));
    await again.shutdown();
  });

  it('keeps a list, reversed and popped', async () => {
    const m = await Manager.start({ path: file });
    const l = m.list('l', [1, 2, 3, 4]);
    await l.reverse();
    await l.pop(0);
    await m.shutdown();
    const again = await restarted();
    expect(await again.list('l').toArray()).toEqual([3, 2, 1]);
    await again.shutdown();
  });

  it('keeps a namespace and a value', async () => {
    const m = await Manager.start({ path: file });
    await m.namespace('ns').set('when', new Date(1000));
    await m.value<bigint | number>('v', 0).set(2n ** 64n);
    await m.shutdown();
    const again = await restarted();
    expect(await again.namespace('ns').get('when')).toEqual(new Date(1000));
    expect(await again.value('v', 0).get()).toBe(2n ** 64n);
    await again.shutdown();
  });

  it('keeps a queue and a joinable queue, with their order and maxsize', async () => {
    const m = await Manager.start({ path: file });
    const q = m.queue('q', 5);
    for (const c of 'abc') await q.put(c);
    await q.get();
    const jq = m.joinableQueue('jq');
    await jq.put('job');
    await m.shutdown();
    const again = await restarted();
    const q2 = again.queue('q');
    expect(q2.maxsize).toBe(5);
    expect(await q2.qsize()).toBe(2);
    expect([await q2.get(), await q2.get()]).toEqual(['b', 'c']);
    const jq2 = again.joinableQueue('jq');
    expect(await jq2.get()).toBe('job');
    let joined = false;
    const join = jq2.join().then(() => (joined = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(joined).toBe(false); // an item left from the last run counts as unfinished
    await jq2.taskDone();
    await join;
    await again.shutdown();
  });

  it('forgets unnamed objects', async () => {
    const m = await Manager.start({ path: file });
    const unnamed = m.dict();
    await unnamed.set('x', 1);
    await m.dict('kept').set('x', 1);
    await m.shutdown();
    const again = await restarted();
    expect(again.snapshot().map((o) => o.name)).toEqual(['kept']);
    await again.shutdown();
  });
});
