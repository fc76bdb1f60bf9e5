import { describe as group, expect, it } from 'vitest';
import type { JobSummary } from '../../../src/shared/api.js';
import { describe, percent, workingWords } from '../../../src/main/cli/progress-view.js';
import { workingOn } from '../../../src/main/cli/working-on.js';

function copyJob(counters: Partial<JobSummary>): JobSummary {
  return {
    id: 1,
    name: 'Copy src → dst',
    kind: 'copy',
    status: 'running',
    spec: { kind: 'copy', source: '/src', destination: '/dst', onConflict: 'fail', verify: false },
    createdAt: 0,
    itemsTotal: 308,
    itemsDone: 0,
    itemsFailed: 0,
    itemsSkipped: 0,
    bytesTotal: 480_000_000,
    bytesDone: 0,
    ...counters,
  } as JobSummary;
}

group('a job as one line of the terminal', () => {
  it('counts items through (done, failed, skipped) against the total, and bytes', () => {
    const job = copyJob({ itemsDone: 150, itemsSkipped: 4, bytesDone: 240_000_000 });
    expect(describe(job)).toMatchObject({ items: '154/308 items', bytes: '240 MB/480 MB' });
    expect(percent(job)).toBe(50);
  });

  it('says how many failed: the bar counts them as through, but they were not copied', () => {
    const job = copyJob({ status: 'failed', itemsDone: 305, itemsFailed: 3, bytesDone: 480_000_000 });
    expect(describe(job).items).toBe('308/308 items, 3 failed');
  });
});

group('what the workers hold, on the live bar', () => {
  it('names the file being copied, cut from the left, and how many more are at work', () => {
    expect(workingWords({ kind: 'copy' }, { item: 'photos/IMG_1.jpg', others: 0 })).toBe('copying photos/IMG_1.jpg');
    expect(workingWords({ kind: 'copy' }, { item: `${'deep/'.repeat(20)}IMG_2041.jpg`, others: 3 })).toBe('copying …/deep/deep/deep/deep/deep/IMG_2041.jpg (+3 more)');
    expect(workingWords({ kind: 'compute' }, { item: 'inputs/7.json', others: 0 })).toBe('working on inputs/7.json');
    expect(workingWords({ kind: 'copy' }, { item: 'two\nlines.txt', others: 0 })).toBe('copying two\\nlines.txt');
    expect(workingWords({ kind: 'copy' }, undefined)).toBe('');
  });

  it("takes the items of this job's workers only, in the pool's order", () => {
    const rows = new Map([
      [11, { jobId: 2, item: 'other-job.bin' }],
      [12, { jobId: 1, item: 'a.txt' }],
      [13, { jobId: 1 }],
      [14, { jobId: 1, item: 'b.txt' }],
    ]);
    const context = (isStarted: boolean) =>
      ({
        pool: { isStarted, workers: () => [...rows.keys()].map((pid) => ({ pid, tag: `t${pid}` })) },
        jobs: { activity: { of: ({ pid }: { pid: number }) => rows.get(pid) } },
      }) as unknown as Parameters<typeof workingOn>[0];
    expect(workingOn(context(true), 1)).toEqual({ item: 'a.txt', others: 1 });
    expect(workingOn(context(true), 2)).toEqual({ item: 'other-job.bin', others: 0 });
    expect(workingOn(context(true), 3)).toBeUndefined();
    expect(workingOn(context(false), 1)).toBeUndefined();
  });
});

