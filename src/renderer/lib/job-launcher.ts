/**
 * What happens around a click that starts a job (Start in the New job form, Run again): the
 * one moment the notification permission may be asked for, and the first toast, which says
 * what became of the job, not "Started" for a job that failed at once.
 */
import type { JobSummary } from '../../shared/api.js';
import type { EndNotifier } from './end-notifier.js';
import { startNotice, type NoticeText } from './job-notices.js';

/** The longest the first toast waits to know how the job goes (a job of slow items has none done by then). */
export const startGraceMs = 3000;

/** Whether a job's state tells how it goes: it has ended, or it has done an item (it works), so its toast can say so. */
export function tellsHowItGoes(job: Pick<JobSummary, 'status' | 'itemsDone'>): boolean {
  return (job.status !== 'running' && job.status !== 'queued') || job.itemsDone > 0;
}

export interface LaunchedJobs {
  add(job: JobSummary): void;
  /** The job once `tellsHowItGoes`, or as it is after `ms` (undefined: deleted meanwhile). */
  firstNews(id: number, ms: number): Promise<JobSummary | undefined>;
}

export class JobLauncher {
  constructor(
    private readonly jobs: LaunchedJobs,
    private readonly show: (notice: NoticeText) => void,
    private readonly notifier: Pick<EndNotifier, 'askOnce'> | undefined,
    private readonly graceMs = startGraceMs,
  ) {}

  /** In the click's handler, before long waits: a browser shows the permission prompt only within a few seconds of a click. */
  clicked(): void {
    this.notifier?.askOnce();
  }

  /** The job the click made: into the list at once, and its toast once its first moment is known. */
  async started(job: JobSummary): Promise<void> {
    this.jobs.add(job);
    const now = await this.jobs.firstNews(job.id, this.graceMs);
    // Deleted before its first moment was out: nothing to say of it.
    if (now) this.show(startNotice(now));
  }
}
