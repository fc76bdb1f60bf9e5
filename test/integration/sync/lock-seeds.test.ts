/** The seed programs on Lock and on a Value under its lock. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Lock, Process, Queue, SharedArray, Value } from '../../../src/main/index.js';
import { task } from './fixture.js';

/**
 * The `count` items a finished process put. Waited for, not taken with getNowait(): a child's
 * last message can be read just after its exit is seen, so join() may resolve a moment before.
 */
async function take<T>(q: Queue<T>, count: number): Promise<T[]> {
  const items: T[] = [];
  for (let i = 0; i < count; i++) items.push(await q.get({ timeout: 5000 }));
  expect(q.empty()).toBe(true);
  return items;
}

describe('Lock and Value seeds', () => {
  it('seed 5: three processes write start/end lines under one lock; the lines never interleave', async () => {
    const lock = new Lock();
    const log = new Queue<string>();
    const procs = Array.from({ length: 3 }, () => new Process({ target: task('linesUnderLock'), args: [lock, log] }));
    for (const p of procs) p.start();
    for (const p of procs) await p.join();
    const lines = await take(log, 6);
    for (let i = 0; i < 6; i += 2) {
      const [pid] = lines[i]!.split(' ');
      expect([lines[i], lines[i + 1]]).toEqual([`${pid} start`, `${pid} end`]);
    }
    expect(new Set(lines.map((l) => l.split(' ')[0])).size).toBe(3);
  });

  it('seed 6: ten processes try to buy the one ticket in a JSON file; exactly one succeeds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'procpool-ticket-'));
    try {
      const file = join(dir, 'data');
      await writeFile(file, JSON.stringify({ ticket_num: 1 }));
      const mutex = new Lock();
      const out = new Queue<{ user: number; bought: boolean }>();
      const users = Array.from({ length: 10 }, (_, i) => new Process({ target: task('buyTicket'), args: [mutex, file, i + 1, out] }));
      for (const p of users) p.start();
      for (const p of users) await p.join();
      const results = await take(out, 10);
      expect(results.filter((r) => r.bought)).toHaveLength(1);
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ ticket_num: 0 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("seed 7: a child sets Value('d') to 1024 and negates SharedArray('i'); the parent sees both", async () => {
    const num = new Value('d', 0);
    const arr = new SharedArray('i', [0, 1, 2, 3, 4]);
    expect(await num.get()).toBe(0);
    expect(await arr.toArray()).toEqual([0, 1, 2, 3, 4]);
    const p = new Process({ target: task('setData'), args: [num, arr] });
    p.start();
    await p.join();
    expect(p.exitcode).toBe(0);
    expect(await num.get()).toBe(1024);
    expect(await arr.toArray()).toEqual([0, -1, -2, -3, -4]);
  });

  it('seed 10: eight processes add 1 to a shared Value under its getLock(); no increment is lost', async () => {
    // The seed's size: 10,000 each. Leases keep it to about the time the processes take to start.
    const perProcess = 10_000;
    const counter = new Value('i', 0);
    const procs = Array.from({ length: 8 }, () => new Process({ target: task('increment'), args: [counter, perProcess] }));
    for (const p of procs) p.start();
    for (const p of procs) await p.join();
    expect(procs.map((p) => p.exitcode)).toEqual(Array(8).fill(0));
    expect(await counter.get()).toBe(8 * perProcess);
  });
});
