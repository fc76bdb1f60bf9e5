/** Which actions a job offers in its state, and how the job list is filtered. */
import type { JobStatus, JobSummary } from '../../shared/api.js';

export type JobAction = 'pause' | 'resume' | 'cancel' | 'retry' | 'runAgain' | 'reveal' | 'delete';

/** Over for good: Done, Failed, Cancelled. (Interrupted, paused among them, can still be resumed.) */
export const endedStatuses: ReadonlySet<JobStatus> = new Set(['done', 'failed', 'cancelled']);

export function actionsFor(job: Pick<JobSummary, 'status' | 'kind' | 'itemsFailed' | 'message'>): JobAction[] {
  const actions: JobAction[] = [];
  const ended = endedStatuses.has(job.status);
  if (job.status === 'running') actions.push('pause', 'cancel');
  if (job.status === 'queued') actions.push('cancel');
  if (job.status === 'interrupted') actions.push('resume', 'cancel');
  if (job.itemsFailed > 0 && (job.status === 'failed' || job.status === 'done')) actions.push('retry');
  if (ended) actions.push('runAgain');
  if (job.kind === 'copy') actions.push('reveal');
  // What runs or waits cannot be deleted (the service refuses it); an interrupted job can, giving up its resume.
  if (ended || job.status === 'interrupted') actions.push('delete');
  return actions;
}

/** The jobs Clear removes from a list: those that have ended (an interrupted one may still be resumed, so it stays). */
export function clearable<J extends Pick<JobSummary, 'status'>>(jobs: readonly J[]): J[] {
  return jobs.filter((job) => endedStatuses.has(job.status));
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
