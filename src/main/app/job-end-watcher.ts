/**
 * Tells which jobs just ended (from running or queued to done, failed or cancelled), for the
 * desktop notification, and how many run now, for the dock or tray badge.
 */
import type { JobStatus, JobSummary } from '../../shared/api.js';

const active: ReadonlySet<JobStatus> = new Set(['running', 'queued']);
const ended: ReadonlySet<JobStatus> = new Set(['done', 'failed', 'cancelled']);

export class JobEndWatcher {
  private status = new Map<number, JobStatus>();

  /** The jobs among `updates` that ended since they were last seen active. */
  update(updates: readonly JobSummary[]): JobSummary[] {
    const out: JobSummary[] = [];
    for (const job of updates) {
      const before = this.status.get(job.id);
      if (before !== undefined && active.has(before) && ended.has(job.status)) out.push(job);
      this.status.set(job.id, job.status);
    }
    return out;
  }

  get running(): number {
    let n = 0;
    for (const status of this.status.values()) if (active.has(status)) n++;
    return n;
  }
}

export function endNotice(job: JobSummary): { title: string; body: string } {
  const items = `${job.itemsDone} of ${job.itemsTotal} ${job.kind === 'copy' ? 'files' : 'items'}`;
  if (job.status === 'done') return { title: `${job.name}: done`, body: job.itemsFailed > 0 ? `${items}; ${job.itemsFailed} failed` : items };
  if (job.status === 'failed') return { title: `${job.name}: failed`, body: job.message ?? `${job.itemsFailed} items failed` };
  return { title: `${job.name}: cancelled`, body: items };
}
