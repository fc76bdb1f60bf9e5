/** The orders of the jobs list: by time (newest first, the default), name or status. */
import type { JobStatus, JobSummary } from '../../shared/api.js';

export const jobSorts = ['newest', 'oldest', 'name', 'status'] as const;
export type JobSort = (typeof jobSorts)[number];

export const sortWords: Record<JobSort, string> = { newest: 'Newest first', oldest: 'Oldest first', name: 'Name', status: 'Status' };

/** By status: what runs or waits first, then what needs a look (stopped, failed), then what is over. */
const statusRank: Record<JobStatus, number> = { running: 0, queued: 1, interrupted: 2, failed: 3, cancelled: 4, done: 5 };

type Job = Pick<JobSummary, 'id' | 'name' | 'status' | 'createdAt'>;

// Ids break ties: two jobs made in the same millisecond keep one order.
const newest = (a: Job, b: Job): number => b.createdAt - a.createdAt || b.id - a.id;
const names = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function compareJobs(sort: JobSort): (a: Job, b: Job) => number {
  switch (sort) {
    case 'oldest':
      return (a, b) => newest(b, a);
    case 'name':
      return (a, b) => names.compare(a.name, b.name) || newest(a, b);
    case 'status':
      return (a, b) => statusRank[a.status] - statusRank[b.status] || newest(a, b);
    default:
      return newest;
  }
}
