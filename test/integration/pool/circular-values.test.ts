/**
 * Arguments and results with cycles and shared references cross processes as structured
 * clones do: the cycle arrives as a cycle, what was one object twice is one object twice.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Pipe, Pool, Queue } from '../../../src/main/index.js';

type Circle = { n: number; self?: Circle; twice?: object[]; q?: Queue<unknown> };

const pool = new Pool(1);
afterAll(() => pool.terminate());

function circle(n: number): Circle {
  const c: Circle = { n };
  c.self = c;
  const shared = { shared: true };
  c.twice = [shared, shared];
  return c;
}

describe('circular values through a real Pool', () => {
  it('an argument with a cycle arrives with it, and comes back as the result with it', async () => {
    const seen = await pool.apply<{ cycle: boolean; sharedKept: boolean; back: Circle }>((c: Circle) => ({ cycle: c.self === c, sharedKept: c.twice![0] === c.twice![1], back: c }), [circle(7)]);
    expect(seen.cycle).toBe(true);
    expect(seen.sharedKept).toBe(true);
    expect(seen.back.n).toBe(7);
    expect(seen.back.self).toBe(seen.back);
    expect(seen.back.twice![0]).toBe(seen.back.twice![1]);
  });

  it('a task that builds and returns a circular value delivers it intact, through map too', async () => {
    const make = (n: number) => {
      const c: Circle = { n };
      c.self = c;
      return c;
    };
    const one = await pool.apply<Circle>(make, [3]);
    expect(one.self).toBe(one);
    const many = await pool.map<Circle>(make, [1, 2, 3]);
    expect(many.map((c) => c.n)).toEqual([1, 2, 3]);
    for (const c of many) expect(c.self).toBe(c);
  });

  it('a cycle holding a Queue: the worker gets the cycle and a working queue', async () => {
    const q = new Queue<unknown>();
    const c = circle(5);
    c.q = q;
    const result = await pool.apply(async (arg: Circle) => {
      await arg.q!.put({ fromWorker: arg.self === arg && arg.self.q === arg.q });
      return arg.self!.n;
    }, [c]);
    expect(result).toBe(5);
    expect(await q.get({ timeout: 10_000 })).toEqual({ fromWorker: true });
  });

  it('a circular item put on a Queue or sent through a Pipe, by the parent or a worker, keeps its cycle', async () => {
    const q = new Queue<Circle>();
    await q.put(circle(1));
    const got = await q.get();
    expect(got.self).toBe(got);
    expect(got.twice![0]).toBe(got.twice![1]);

    await pool.apply(async (queue: Queue<unknown>) => {
      const c: { n: number; self?: unknown } = { n: 2 };
      c.self = c;
      await queue.put(c);
    }, [q]);
    const fromWorker = await q.get({ timeout: 10_000 });
    expect(fromWorker.n).toBe(2);
    expect(fromWorker.self).toBe(fromWorker);

    const [a, b] = Pipe();
    await b.send(circle(3));
    const received = (await a.recv()) as Circle;
    expect(received.self).toBe(received);
  });
});
