import { describe, expect, it } from 'vitest';
import { Barrier, BrokenBarrierError } from '../../../src/main/index.js';

describe('Barrier in the parent', () => {
  it('releases all parties together, with distinct indexes, and runs the action once per cycle', async () => {
    let actions = 0;
    const barrier = new Barrier(3, { action: () => actions++ });
    const first = [barrier.wait(), barrier.wait()];
    expect(barrier.nWaiting).toBe(2);
    const last = await barrier.wait();
    expect([...(await Promise.all(first)), last].sort()).toEqual([0, 1, 2]);
    expect(actions).toBe(1);
    expect(barrier.nWaiting).toBe(0);
    await Promise.all([barrier.wait(), barrier.wait(), barrier.wait()]);
    expect(actions).toBe(2);
  });

  it('a timeout breaks it for everyone until reset()', async () => {
    const barrier = new Barrier(3);
    const other = barrier.wait();
    await expect(barrier.wait(20)).rejects.toThrow(BrokenBarrierError);
    await expect(other).rejects.toThrow(BrokenBarrierError);
    expect(barrier.broken).toBe(true);
    await expect(barrier.wait()).rejects.toThrow(BrokenBarrierError);
    barrier.reset();
    expect(barrier.broken).toBe(false);
  });

  it('abort() and a failing action break it; the default timeout applies', async () => {
    const barrier = new Barrier(2);
    const waiting = barrier.wait();
    barrier.abort();
    await expect(waiting).rejects.toThrow(BrokenBarrierError);
    const failing = new Barrier(2, {
      action: () => {
        throw new Error('no');
      },
    });
    const a = failing.wait();
    await expect(failing.wait()).rejects.toThrow(/action failed: no/);
    await expect(a).rejects.toThrow(BrokenBarrierError);
    const timed = new Barrier(2, { timeout: 20 });
    await expect(timed.wait()).rejects.toThrow(BrokenBarrierError);
  });
});
