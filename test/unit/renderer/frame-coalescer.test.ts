import { describe, expect, it } from 'vitest';
import { FrameCoalescer, type FrameBatch } from '../../../src/renderer/lib/frame-coalescer.js';
import { sampleJob, stubSettings } from '../../fixtures/stub-core-service.js';

describe('FrameCoalescer', () => {
  it('turns a flood of events into one update a frame, newest state of each job', () => {
    const frames: Array<() => void> = [];
    const applied: FrameBatch[] = [];
    const coalescer = new FrameCoalescer((batch) => applied.push(batch), (run) => frames.push(run));
    for (let i = 0; i < 10_000; i++) coalescer.push('jobs', [sampleJob(1 + (i % 2000), { itemsDone: i })]);
    coalescer.push('workers', { pool: { size: 1, cpuPercent: 1, rssBytes: 1 }, workers: [] });
    coalescer.push('workers', { pool: { size: 2, cpuPercent: 1, rssBytes: 1 }, workers: [] });
    expect(frames).toHaveLength(1);
    frames[0]!();
    expect(applied).toHaveLength(1);
    expect(applied[0]!.jobs).toHaveLength(2000);
    expect(applied[0]!.jobs.find((j) => j.id === 1)!.itemsDone).toBe(8000);
    expect(applied[0]!.workers!.pool.size).toBe(2);
    coalescer.push('settings', stubSettings);
    expect(frames).toHaveLength(2);
    frames[1]!();
    expect(applied[1]).toEqual({ jobs: [], jobsDeleted: [], settings: stubSettings });
  });

  it('drops a deleted job from its frame: a summary before the deletion does not bring the row back, one after it is a new job', () => {
    const frames: Array<() => void> = [];
    const applied: FrameBatch[] = [];
    const coalescer = new FrameCoalescer((batch) => applied.push(batch), (run) => frames.push(run));
    coalescer.push('jobs', [sampleJob(1, { status: 'done' }), sampleJob(2, { status: 'done' })]);
    coalescer.push('jobsDeleted', [1, 2]);
    coalescer.push('jobsDeleted', [3]);
    coalescer.push('jobs', [sampleJob(2, { name: 'New job 2' })]);
    frames[0]!();
    expect(applied[0]!.jobsDeleted.sort()).toEqual([1, 3]);
    expect(applied[0]!.jobs.map((job) => [job.id, job.name])).toEqual([[2, 'New job 2']]);
  });
});
