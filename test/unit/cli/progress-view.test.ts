import { describe as group, expect, it } from 'vitest';
import type { JobSummary } from '../../../src/shared/api.js';
import { describe, percent } from '../../../src/main/cli/progress-view.js';

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
