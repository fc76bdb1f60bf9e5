/**
 * A job as the jobs table stores it, and its summary for the UI and the command line.
 */
import type { JobCounters, JobSpec, JobStatus, JobSummary } from '../../shared/api.js';

/** The states of a ledger item. */
export const ItemState = { pending: 0, done: 1, failed: 2, skipped: 3 } as const;
export type ItemStateValue = (typeof ItemState)[keyof typeof ItemState];

export interface JobRow extends JobCounters {
  id: number;
  kind: JobSpec['kind'];
  name: string;
  spec: string;
  status: JobStatus;
  message: string | null;
  errorName: string | null;
  planned: number;
  plan: string | null;
  bytesShown: number;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  updatedAt: number;
  /** Milliseconds its runs that ended ran: not the time it sat queued, paused or interrupted. */
  ranMs: number;
  /** When the run under way began; null between runs. */
  runStartedAt: number | null;
  ownerPid: number | null;
  ownerStart: string | null;
  workerPids: string | null;
  /**
   * Items up to this seq may have been sent to a worker (it is written ahead of the sending,
   * a stretch at a time): after a crash, only open items up to here are looked for on disk.
   */
  sentUpto: number;
  control: 'cancel' | 'pause' | null;
}

/** The column list that reads a row as a JobRow. */
export const jobColumns = `id, kind, name, spec, status, message, error_name AS errorName, planned, plan,
  items_total AS itemsTotal, items_done AS itemsDone, items_failed AS itemsFailed, items_skipped AS itemsSkipped,
  bytes_total AS bytesTotal, bytes_done AS bytesDone, bytes_shown AS bytesShown,
  created_at AS createdAt, started_at AS startedAt, finished_at AS finishedAt, updated_at AS updatedAt,
  ran_ms AS ranMs, run_started_at AS runStartedAt, owner_pid AS ownerPid, owner_start AS ownerStart, worker_pids AS workerPids, sent_upto AS sentUpto, control`;

/** Specs are checked against the schema before they are stored: reading one back needs no second check. */
export function parseSpec(row: Pick<JobRow, 'spec'>): JobSpec {
  return JSON.parse(row.spec) as JobSpec;
}

/** What is live about a running job beyond its row: the rate and the bytes under way. */
export interface LiveProgress {
  bytesShown: number;
  rate?: number | undefined;
  etaMs?: number | undefined;
  message?: string | undefined;
}

/** How long a job has run, the run under way up to `now` included. */
export function ranFor(row: Pick<JobRow, 'ranMs' | 'runStartedAt' | 'status'>, now = Date.now()): number {
  const current = row.status === 'running' && row.runStartedAt !== null ? Math.max(0, now - row.runStartedAt) : 0;
  return row.ranMs + current;
}

export function toSummary(row: JobRow, live?: LiveProgress): JobSummary {
  const summary: JobSummary = {
    id: row.id,
    name: row.name,
    kind: row.kind,
    status: row.status,
    spec: parseSpec(row),
    createdAt: row.createdAt,
    itemsTotal: row.itemsTotal,
    itemsDone: row.itemsDone,
    itemsFailed: row.itemsFailed,
    itemsSkipped: row.itemsSkipped,
    bytesTotal: row.bytesTotal,
    // Never below what was shown before (also across a resume), never above the total.
    bytesDone: Math.min(row.bytesTotal, Math.max(row.bytesShown, row.bytesDone, live?.bytesShown ?? 0)),
    ranMs: ranFor(row),
  };
  if (row.startedAt !== null) summary.startedAt = row.startedAt;
  if (row.finishedAt !== null) summary.finishedAt = row.finishedAt;
  if (row.status === 'running' && live?.rate !== undefined) summary.rate = live.rate;
  if (row.status === 'running' && live?.etaMs !== undefined) summary.etaMs = live.etaMs;
  const message = row.status === 'running' ? (live?.message ?? row.message) : row.message;
  if (message) summary.message = message;
  return summary;
}
