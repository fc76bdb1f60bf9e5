/** Which jobs just ended: from running or queued to done, failed or cancelled, in one batch of updates. */
import type { JobSummary } from '../../shared/api.js';
import { activeStatuses, endedStatuses } from './job-actions.js';

/** The jobs among `updates` that ended since `before` saw them running or queued (a job first seen ended is history, not news). */
export function newlyEnded(before: ReadonlyMap<number, Pick<JobSummary, 'status'>>, updates: Iterable<JobSummary>): JobSummary[] {
  const out: JobSummary[] = [];
  for (const job of updates) {
    const was = before.get(job.id)?.status;
    if (was !== undefined && activeStatuses.has(was) && endedStatuses.has(job.status)) out.push(job);
  }
  return out;
}
