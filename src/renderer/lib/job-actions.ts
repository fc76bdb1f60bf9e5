/** Which actions a job offers in its state, and how the job list is ordered and filtered. */
import type { JobStatus, JobSummary } from '../../shared/api.js';

export type JobAction = 'pause' | 'resume' | 'cancel' | 'retry' | 'reveal';

export function actionsFor(job: Pick<JobSummary, 'status' | 'kind' | 'itemsFailed' | 'message'>): JobAction[] {
  const actions: JobAction[] = [];
  if (job.status === 'running') actions.push('pause', 'cancel');
  if (job.status === 'queued') actions.push('cancel');
  if (job.status === 'interrupted') actions.push('resume', 'cancel');
  if (job.itemsFailed > 0 && (job.status === 'failed' || job.status === 'done')) actions.push('retry');
  if (job.kind === 'copy') actions.push('reveal');
  return actions;
}

/** A paused job is an interrupted one whose message says why: 'paused', or 'paused: the app was closed'. */
export function isPaused(job: Pick<JobSummary, 'status' | 'message'>): boolean {
  return job.status === 'interrupted' && (job.message ?? '').startsWith('paused');
}

export const activeStatuses: ReadonlySet<JobStatus> = new Set(['running', 'queued']);

export interface JobFilter {
  status: JobStatus | 'all' | 'active';
  kind: 'all' | 'copy' | 'compute';
  search: string;
}

export function matches(job: JobSummary, filter: JobFilter): boolean {
  if (filter.status === 'active' && !activeStatuses.has(job.status)) return false;
  if (filter.status !== 'all' && filter.status !== 'active' && job.status !== filter.status) return false;
  if (filter.kind !== 'all' && job.kind !== filter.kind) return false;
  const search = filter.search.trim().toLowerCase();
  if (!search) return true;
  const spec = job.spec.kind === 'copy' ? `${job.spec.source} ${job.spec.destination}` : 'module' in job.spec.task ? `${job.spec.task.module} ${job.spec.task.name}` : job.spec.task.builtin;
  return `${job.name} ${spec} #${job.id}`.toLowerCase().includes(search);
}

/** Running and queued jobs first, then the rest, each newest first. */
export function byActivityThenRecency(a: JobSummary, b: JobSummary): number {
  const active = Number(activeStatuses.has(b.status)) - Number(activeStatuses.has(a.status));
  return active !== 0 ? active : b.createdAt - a.createdAt || b.id - a.id;
}
