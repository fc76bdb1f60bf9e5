import { describe, expect, it } from 'vitest';
import { ProgressMeter } from '../../../src/main/jobs/progress-meter.js';

describe('ProgressMeter', () => {
  it('counts finished plus under way, and never goes back (a task lost to a dead worker, a retry)', () => {
    const meter = new ProgressMeter(1000, { finished: 0, shown: 0 });
    meter.update('a', 300);
    meter.update('b', 200);
    expect(meter.read().shown).toBe(500);
    meter.settle('a', 0); // its worker died: 300 bytes to do again
    expect(meter.read().shown).toBe(500);
    meter.update('a2', 100);
    expect(meter.read().shown).toBe(500);
    meter.update('a2', 400);
    expect(meter.read().shown).toBe(600);
    meter.reopen(200);
    expect(meter.read().shown).toBe(600);
    meter.update('late', 5000);
    expect(meter.read().shown).toBe(1000); // never above the total
  });

  it('starts a resumed job at what was shown before, not lower', () => {
    const meter = new ProgressMeter(1000, { finished: 400, shown: 550 });
    expect(meter.read().shown).toBe(550);
    meter.update('a', 100);
    expect(meter.read().shown).toBe(550);
    meter.update('a', 200);
    expect(meter.read().shown).toBe(600);
  });

  it('measures the rate over the last seconds and the time left at that rate', () => {
    let now = 0;
    const meter = new ProgressMeter(10_000, { finished: 0, shown: 0 }, () => now);
    expect(meter.read().rate).toBeUndefined();
    for (let t = 100; t <= 2000; t += 100) {
      now = t;
      meter.update('a', t); // 1 per ms: 1,000 a second
      meter.read();
    }
    const reading = meter.read();
    expect(reading.rate).toBeCloseTo(1000, -1);
    expect(reading.etaMs).toBeCloseTo(8000, -2);
  });
});
