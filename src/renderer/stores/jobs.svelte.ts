/** Every job the app knows, kept as one immutable map replaced per frame ($state.raw). */
import type { JobSummary } from '../../shared/api.js';
import { activeStatuses, byActivityThenRecency, matches, type JobFilter } from '../lib/job-actions.js';

/** Rows the jobs list draws at first, and how many more each Show more adds. */
export const jobsPage = 100;

export class JobsStore {
  byId = $state.raw(new Map<number, JobSummary>());
  filter = $state<JobFilter>({ status: 'all', kind: 'all', search: '' });
  loaded = $state(false);
  /** How many rows the list shows; more on request, so thousands of jobs never flood the page. */
  shown = $state(jobsPage);

  all = $derived([...this.byId.values()].sort(byActivityThenRecency));
  visible = $derived(this.all.filter((job) => matches(job, this.filter)));
  running = $derived(this.all.filter((job) => activeStatuses.has(job.status)).length);

  showMore(): void {
    this.shown += jobsPage;
  }

  replace(jobs: JobSummary[]): void {
    this.byId = new Map(jobs.map((job) => [job.id, job]));
    this.loaded = true;
  }

  apply(jobs: JobSummary[]): void {
    if (jobs.length === 0) return;
    const next = new Map(this.byId);
    for (const job of jobs) next.set(job.id, job);
    this.byId = next;
  }
}
