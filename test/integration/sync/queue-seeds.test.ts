/** The seed programs on Queue and JoinableQueue, each one test. */
import { describe, expect, it } from 'vitest';
import { JoinableQueue, Process, Queue, QueueEmptyError, QueueFullError } from '../../../src/main/index.js';
import { task } from './fixture.js';

describe('Queue seeds', () => {
  it('seed 1: Queue(3) fills, times out a put after ~2 s, and gives the three back in order', async () => {
    const q = new Queue<string>(3);
    await q.put('message 1');
    await q.put('message 2');
    await q.put('message 3');
    expect(q.full()).toBe(true);

    const started = performance.now();
    await expect(q.put('message 4', { timeout: 2000 })).rejects.toThrow(QueueFullError);
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(1950);
    expect(waited).toBeLessThan(3000);

    const nowait = performance.now();
    expect(() => q.putNowait('message 4')).toThrow(QueueFullError);
    expect(performance.now() - nowait).toBeLessThan(50);

    expect(q.qsize()).toBe(3);
    const got = [];
    while (!q.empty()) got.push(q.getNowait());
    expect(got).toEqual(['message 1', 'message 2', 'message 3']);
    expect(() => q.getNowait()).toThrow(QueueEmptyError);
  });

  it('seed 2: a writer process puts A, B, C; after it is joined a reader process gets them in order', async () => {
    const q = new Queue<string>();
    const out = new Queue<string[]>();
    const writer = new Process({ target: task('writeLetters'), args: [q, ['A', 'B', 'C']] });
    writer.start();
    await writer.join();
    expect(writer.exitcode).toBe(0);
    const reader = new Process({ target: task('readLetters'), args: [q, 3, out] });
    reader.start();
    await reader.join();
    expect(reader.exitcode).toBe(0);
    expect(await out.get({ timeout: 5000 })).toEqual(['A', 'B', 'C']);
    expect(q.empty()).toBe(true);
  });

  it('seed 9: two producers, two daemon consumers; join() resolves only once all ten are consumed', async () => {
    const q = new JoinableQueue<string>();
    const eaten = new Queue<string>();
    const producers = [
      new Process({ target: task('produce'), args: ['chef', 'bun', q] }),
      new Process({ target: task('produce'), args: ['tank', 'soup', q] }),
    ];
    const consumers = ['spring', 'new'].map((name) => new Process({ target: task('consume'), args: [name, q, eaten], daemon: true }));
    for (const p of [...producers, ...consumers]) p.start();
    for (const p of producers) await p.join();
    expect(producers.map((p) => p.exitcode)).toEqual([0, 0]);

    await q.join();
    // Each consumer records what it ate before it calls taskDone(), so all ten are in.
    expect(eaten.qsize()).toBe(10);
    const meals = [];
    while (!eaten.empty()) meals.push(eaten.getNowait());
    expect(meals.filter((m) => m.includes('bun'))).toHaveLength(5);
    expect(meals.filter((m) => m.includes('soup'))).toHaveLength(5);
    for (const c of consumers) {
      expect(c.isAlive()).toBe(true); // still waiting for food, as in the seed
      c.terminate();
      await c.join();
    }
  });
});
