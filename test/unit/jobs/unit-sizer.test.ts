import { describe, expect, it } from 'vitest';
import { targetTaskMs, UnitSizer } from '../../../src/main/jobs/compute/unit-sizer.js';

describe('UnitSizer: how many inputs a compute task holds', () => {
  function sizer(largest: number) {
    let now = 0;
    const unit = new UnitSizer(largest, () => now);
    const run = (firstSeq: number, count: number, ms: number) => {
      unit.sent(firstSeq);
      now += ms;
      unit.done(firstSeq, count);
    };
    return { unit, run };
  }

  it('starts at one input, to learn how long one takes', () => {
    expect(sizer(63).unit.size).toBe(1);
  });

  it('quick inputs: the largest size (Python\'s default chunksize)', () => {
    const { unit, run } = sizer(63);
    run(0, 1, 0.2);
    expect(unit.size).toBe(63);
  });

  it(`slow inputs: as many as take about ${targetTaskMs} ms, at least one`, () => {
    const { unit, run } = sizer(63);
    run(0, 1, 100);
    expect(unit.size).toBe(5);
    run(1, 5, 5 * 3000);
    expect(unit.size).toBe(1);
  });

  it('a result for a task it did not see sent changes nothing', () => {
    const { unit } = sizer(63);
    unit.done(7, 3);
    expect(unit.size).toBe(1);
  });
});
