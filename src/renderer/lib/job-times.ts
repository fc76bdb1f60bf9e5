/**
 * When a job ran, as its row tells it: when it started, when it ended and how long it ran
 * (the CLI's STARTED, ENDED and TOOK columns of `procpool jobs`, in the app's units).
 */
import type { JobSummary } from '../../shared/api.js';
import { formatDuration } from './format.js';

/**
 * How long a job ran: milliseconds under a second and tenths of a second under 10 s (many
 * jobs take 20 ms, which is not "0 s" nor "0.0 s"), else as every duration of the app.
 */
export function formatTook(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 999.5) return `${Math.round(ms)} ms`;
  if (ms < 9_950) return `${(ms / 1000).toFixed(1)} s`;
  return formatDuration(ms);
}

/**
 * How long it has run by `now`: a running job's `ranMs` was right when its summary arrived
 * (`receivedAt`) and has grown since, though a long item sends no news; any other's stands.
 */
export function ranSoFar(job: Pick<JobSummary, 'status' | 'ranMs'>, receivedAt: number, now: number): number {
  return job.status === 'running' ? job.ranMs + Math.max(0, now - receivedAt) : job.ranMs;
}

const sameDay = (a: Date, b: Date): boolean => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/** A time on the clock, with as much of the date as `reference` (today, or the day it started) does not already give: '14:02', '3 Dec, 14:02', '3 Dec 2025, 14:02'. */
export function clockText(ms: number, reference: number): string {
  const at = new Date(ms);
  const ref = new Date(reference);
  const time = at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  if (sameDay(at, ref)) return time;
  const year = at.getFullYear() !== ref.getFullYear() ? { year: 'numeric' as const } : {};
  return `${at.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', ...year })}, ${time}`;
}

/** The whole date and time to the second, for a tooltip. */
export function fullClock(ms: number): string {
  return new Date(ms).toLocaleString('en-GB', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export interface TimeFact {
  what: 'started' | 'ended' | 'took';
  /** What the row shows: 'started 14:02', 'ended 14:05', 'took 3 min 5 s'. */
  text: string;
  /** The full date and time, where the text gives a time. */
  title?: string;
}

/**
 * A job's times in the order people read them: started, ended (the time alone on the day it
 * started), and took (ended) or ran (running, paused, interrupted: it may run on). A queued
 * job has none: it has not started.
 */
export function timeFacts(job: Pick<JobSummary, 'status' | 'startedAt' | 'finishedAt'>, ranMs: number, now: number): TimeFact[] {
  const facts: TimeFact[] = [];
  if (job.startedAt !== undefined) facts.push({ what: 'started', text: `started ${clockText(job.startedAt, now)}`, title: fullClock(job.startedAt) });
  if (job.finishedAt !== undefined) facts.push({ what: 'ended', text: `ended ${clockText(job.finishedAt, job.startedAt ?? now)}`, title: fullClock(job.finishedAt) });
  if (job.startedAt !== undefined) facts.push({ what: 'took', text: `${job.finishedAt !== undefined ? 'took' : 'ran'} ${formatTook(ranMs)}` });
  return facts;
}
