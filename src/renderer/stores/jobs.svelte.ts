/** Every job the app knows, kept as one immutable map replaced per frame ($state.raw). */
import type { JobSummary } from '../../shared/api.js';
import { activeStatuses, matches, type JobFilter } from '../lib/job-actions.js';
import { newlyEnded } from '../lib/job-ends.js';
import { tellsHowItGoes } from '../lib/job-launcher.js';
import { compareJobs, type JobSort } from '../lib/job-sort.js';

/** Rows the jobs list draws at first, and how many more each Show more adds. */
export const jobsPage = 100;

export class JobsStore {
  byId = $state.raw(new Map<number, JobSummary>());
  filter = $state<JobFilter>({ status: 'all', kind: 'all', search: '' });
  sort = $state<JobSort>('newest');
  loaded = $state(false);
  /** How many rows the list shows; more on request, so thousands of jobs never flood the page. */
  shown = $state(jobsPage);

  all = $derived([...this.byId.values()].sort(compareJobs(this.sort)));
  visible = $derived(this.all.filter((job) => matches(job, this.filter)));
  running = $derived(this.all.filter((job) => activeStatuses.has(job.status)).length);

  /**
   * When each job's summary arrived, by id: a running job has run on since (lib/job-times.ts).
   * Not reactive on purpose: it changes with the summary, which is.
   */
  readonly receivedAt = new Map<number, number>();
  private endedListeners = new Set<(jobs: JobSummary[]) => void>();
  private newsWaiters = new Map<number, Set<(job: JobSummary | undefined) => void>>();

  showMore(): void {
    this.shown += jobsPage;
  }

  replace(jobs: JobSummary[]): void {
    const now = Date.now();
    this.receivedAt.clear();
    for (const job of jobs) this.receivedAt.set(job.id, now);
    this.byId = new Map(jobs.map((job) => [job.id, job]));
    this.loaded = true;
    for (const job of jobs) this.tell(job.id, job);
  }

  /**
   * A job this window just made (the answer to submitJob or runAgain): kept unless its events
   * came first, which are newer (a job that fails at once may be Failed before the answer).
   */
  add(job: JobSummary): void {
    if (!this.byId.has(job.id)) this.apply([job]);
  }

  apply(jobs: JobSummary[]): void {
    if (jobs.length === 0) return;
    const ended = newlyEnded(this.byId, jobs);
    const next = new Map(this.byId);
    const now = Date.now();
    for (const job of jobs) {
      next.set(job.id, job);
      this.receivedAt.set(job.id, now);
    }
    this.byId = next;
    for (const job of jobs) this.tell(job.id, job);
    if (ended.length > 0) for (const listener of this.endedListeners) listener(ended);
  }

  /** Drops deleted jobs (by this window, another, or `procpool jobs delete`). */
  remove(ids: readonly number[]): void {
    const gone = ids.filter((id) => this.byId.has(id));
    for (const id of ids) this.tell(id, undefined);
    if (gone.length === 0) return;
    const next = new Map(this.byId);
    for (const id of gone) {
      next.delete(id);
      this.receivedAt.delete(id);
    }
    this.byId = next;
  }

  /** Calls `listener` with the jobs that ended in each batch of updates; returns the function that stops it. */
  onEnded(listener: (jobs: JobSummary[]) => void): () => void {
    this.endedListeners.add(listener);
    return () => void this.endedListeners.delete(listener);
  }

  /**
   * The job as soon as it tells how it goes (it has ended, or done an item), or as it is after
   * `ms`: whether a job just started failed at once (undefined: it was deleted meanwhile).
   */
  firstNews(id: number, ms: number): Promise<JobSummary | undefined> {
    const now = this.byId.get(id);
    if (now && tellsHowItGoes(now)) return Promise.resolve(now);
    return new Promise((resolve) => {
      const waiters = this.newsWaiters.get(id) ?? new Set();
      this.newsWaiters.set(id, waiters);
      const done = (job: JobSummary | undefined): void => {
        clearTimeout(timer);
        waiters.delete(done);
        if (waiters.size === 0) this.newsWaiters.delete(id);
        resolve(job);
      };
      const timer = setTimeout(() => done(this.byId.get(id)), ms);
      waiters.add(done);
    });
  }

  private tell(id: number, job: JobSummary | undefined): void {
    if (job && !tellsHowItGoes(job)) return;
    for (const done of [...(this.newsWaiters.get(id) ?? [])]) done(job);
  }
}
