import { describe, expect, it } from 'vitest';
import { KeyedHistory, RingHistory } from '../../../src/renderer/lib/ring-history.js';
import { sparklinePath } from '../../../src/renderer/lib/sparkline-path.js';
import { WorkerSlots } from '../../../src/renderer/lib/worker-slots.js';

describe('WorkerSlots: rows stay put', () => {
  it('keeps first-seen order whatever order the service sends', () => {
    const slots = new WorkerSlots();
    expect(slots.update([30, 10, 20])).toEqual([30, 10, 20]);
    expect(slots.update([10, 20, 30])).toEqual([30, 10, 20]);
  });

  it("gives a killed worker's row to its replacement", () => {
    const slots = new WorkerSlots();
    slots.update([1, 2, 3]);
    expect(slots.update([1, 3, 9])).toEqual([1, 9, 3]);
  });

  it('appends when the pool grows and closes gaps when it shrinks', () => {
    const slots = new WorkerSlots();
    slots.update([1, 2, 3]);
    expect(slots.update([1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
    expect(slots.update([1, 4])).toEqual([1, 4]);
  });
});

describe('histories and sparklines', () => {
  it('keeps the last N samples, oldest first', () => {
    const ring = new RingHistory(3);
    for (const v of [1, 2, 3, 4, Number.NaN]) ring.add(v);
    expect(ring.snapshot()).toEqual([3, 4, 0]);
    expect(ring.latest).toBe(0);
  });

  it('forgets the history of PIDs that are gone', () => {
    const h = new KeyedHistory(5);
    h.add(1, 10);
    h.add(2, 20);
    h.keep([2]);
    expect(h.get(1)).toEqual([]);
    expect(h.get(2)).toEqual([20]);
  });

  it('draws newest at the right edge, scaled to the given maximum', () => {
    const { line, area } = sparklinePath([0, 100], 10, 11, 2, 100);
    expect(line).toBe('M0,10.5L10,0.5');
    expect(area).toBe('M0,10.5L10,0.5L10,11L0,11Z');
    expect(sparklinePath([], 10, 10, 5)).toEqual({ line: '', area: '' });
    // A short history grows in from the right.
    expect(sparklinePath([50], 10, 11, 3, 100).line).toBe('M10,5.5');
  });
});
