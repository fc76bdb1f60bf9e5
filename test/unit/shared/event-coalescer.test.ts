import { describe, expect, it } from 'vitest';
import { EventCoalescer } from '../../../src/shared/event-coalescer.js';
import { sampleJob, stubSettings } from '../../fixtures/stub-core-service.js';

describe('EventCoalescer', () => {
  it('keeps the newest summary of each job and the newest snapshot of each other event', () => {
    const held = new EventCoalescer();
    held.push('jobs', [sampleJob(1, { itemsDone: 1 }), sampleJob(2)]);
    held.push('jobs', [sampleJob(1, { itemsDone: 2 })]);
    held.push('settings', { ...stubSettings, poolSize: 3 });
    held.push('settings', { ...stubSettings, poolSize: 4 });
    expect(held.pending).toBe(true);
    const out = held.drain();
    expect(out).toEqual([
      { event: 'settings', payload: { ...stubSettings, poolSize: 4 } },
      { event: 'jobs', payload: [sampleJob(1, { itemsDone: 2 }), sampleJob(2)] },
    ]);
    expect(held.pending).toBe(false);
    expect(held.drain()).toEqual([]);
  });

  it('keeps every deleted job id, and drops a held summary of a job deleted after it', () => {
    const held = new EventCoalescer();
    held.push('jobs', [sampleJob(1), sampleJob(2)]);
    held.push('jobsDeleted', [1]);
    held.push('jobsDeleted', [3]);
    expect(held.drain()).toEqual([
      { event: 'jobsDeleted', payload: [1, 3] },
      { event: 'jobs', payload: [sampleJob(2)] },
    ]);
  });
});
