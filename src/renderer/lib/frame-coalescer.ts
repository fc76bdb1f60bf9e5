/**
 * Coalesces the event stream to one update per animation frame: job summaries merged by id
 * (newest wins), every other event reduced to its newest payload. However many events
 * arrive, the views re-render at most once a frame, so a flood never starves a click.
 */
import type { ApiEvents, EventName, JobSummary } from '../../shared/api.js';

export interface FrameBatch {
  jobs: JobSummary[];
  /** Jobs deleted since the last frame; none of them is also in `jobs` (a later summary of the same id is a new job). */
  jobsDeleted: number[];
  workers?: ApiEvents['workers'];
  settings?: ApiEvents['settings'];
  sharedState?: ApiEvents['sharedState'];
}

export type Schedule = (run: () => void) => void;

export const nextFrame: Schedule = (run) => {
  if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible') requestAnimationFrame(run);
  // A hidden tab gets no frames: still apply, a few times a second.
  else setTimeout(run, 250);
};

export class FrameCoalescer {
  private jobs = new Map<number, JobSummary>();
  private deleted = new Set<number>();
  private rest: Omit<FrameBatch, 'jobs' | 'jobsDeleted'> = {};
  private scheduled = false;

  constructor(
    private readonly apply: (batch: FrameBatch) => void,
    private readonly schedule: Schedule = nextFrame,
  ) {}

  push<E extends EventName>(event: E, payload: ApiEvents[E]): void {
    if (event === 'jobs') {
      for (const job of payload as JobSummary[]) {
        this.jobs.set(job.id, job);
        this.deleted.delete(job.id);
      }
    } else if (event === 'jobsDeleted') {
      // A summary that came before the deletion must not bring the row back.
      for (const id of payload as number[]) {
        this.jobs.delete(id);
        this.deleted.add(id);
      }
    } else (this.rest as Record<string, unknown>)[event] = payload;
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    const batch: FrameBatch = { ...this.rest, jobs: [...this.jobs.values()], jobsDeleted: [...this.deleted] };
    this.jobs = new Map();
    this.deleted = new Set();
    this.rest = {};
    this.apply(batch);
  }
}
