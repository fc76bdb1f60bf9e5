/**
 * The jobs table: one prepared statement per query, and `patch` for the many small updates
 * a job's life makes (status, counters, owner), each statement prepared once per set of
 * columns it touches.
 */
import type Database from 'better-sqlite3';
import type { JobQuery } from '../../shared/api.js';
import { jobColumns, type JobRow } from './job-record.js';

/** Columns `patch` may set, by their JobRow names. */
export type JobPatch = Partial<Omit<JobRow, 'id' | 'kind' | 'createdAt' | 'updatedAt'>>;

/** Counter deltas, added in one statement. */
export interface CounterDeltas {
  itemsDone?: number;
  itemsFailed?: number;
  itemsSkipped?: number;
  bytesDone?: number;
}

/** A recorded deletion: its number (increasing, never reused) and the job it deleted. */
export interface JobDeletion {
  seq: number;
  jobId: number;
}

/** A reader polls every second or so; a day covers one that was asleep (a suspended laptop). */
const keepDeletionsMs = 24 * 3600_000;

const snake: Record<string, string> = {
  errorName: 'error_name',
  itemsTotal: 'items_total',
  itemsDone: 'items_done',
  itemsFailed: 'items_failed',
  itemsSkipped: 'items_skipped',
  bytesTotal: 'bytes_total',
  bytesDone: 'bytes_done',
  bytesShown: 'bytes_shown',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  ownerPid: 'owner_pid',
  ownerStart: 'owner_start',
  workerPids: 'worker_pids',
  sentUpto: 'sent_upto',
  ranMs: 'ran_ms',
  runStartedAt: 'run_started_at',
};

export class JobsRepo {
  private readonly insertJob: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly live: Database.Statement;
  private readonly since: Database.Statement;
  private readonly addCounters: Database.Statement;
  private readonly closeRun: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly recordDeletion: Database.Statement;
  private readonly pruneDeletions: Database.Statement;
  private readonly deletions: Database.Statement;
  private readonly lastDeletionSeq: Database.Statement;
  private readonly patches = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    this.insertJob = db.prepare(
      `INSERT INTO jobs (kind, name, spec, status, created_at, updated_at, owner_pid, owner_start)
       VALUES (@kind, @name, @spec, 'queued', @now, @now, @ownerPid, @ownerStart)`,
    );
    this.byId = db.prepare(`SELECT ${jobColumns} FROM jobs WHERE id = ?`);
    this.live = db.prepare(`SELECT ${jobColumns} FROM jobs WHERE status IN ('queued', 'running') ORDER BY id`);
    this.since = db.prepare(`SELECT ${jobColumns} FROM jobs WHERE updated_at > ? ORDER BY id`);
    this.addCounters = db.prepare(
      `UPDATE jobs SET items_done = items_done + @itemsDone, items_failed = items_failed + @itemsFailed,
         items_skipped = items_skipped + @itemsSkipped, bytes_done = bytes_done + @bytesDone,
         bytes_shown = max(bytes_shown, @bytesShown), updated_at = @now WHERE id = @id`,
    );
    this.closeRun = db.prepare(
      `UPDATE jobs SET ran_ms = ran_ms + max(0, @at - run_started_at), run_started_at = NULL, updated_at = @now
       WHERE id = @id AND run_started_at IS NOT NULL`,
    );
    // Its ledger (job_items, job_done_ranges) goes with it: ON DELETE CASCADE.
    this.remove = db.prepare('DELETE FROM jobs WHERE id = ?');
    this.recordDeletion = db.prepare('INSERT INTO job_deletions (job_id, deleted_at) VALUES (?, ?)');
    this.pruneDeletions = db.prepare('DELETE FROM job_deletions WHERE deleted_at < ?');
    this.deletions = db.prepare('SELECT seq, job_id AS jobId FROM job_deletions WHERE seq > ? ORDER BY seq');
    this.lastDeletionSeq = db.prepare('SELECT coalesce(max(seq), 0) FROM job_deletions').pluck();
  }

  insert(job: { kind: string; name: string; spec: string; ownerPid: number; ownerStart: string }): number {
    return Number(this.insertJob.run({ ...job, now: Date.now() }).lastInsertRowid);
  }

  get(id: number): JobRow | undefined {
    return this.byId.get(id) as JobRow | undefined;
  }

  /** Newest first. */
  list(query: JobQuery = {}): JobRow[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.status) {
      where.push('status = ?');
      params.push(query.status);
    }
    if (query.kind) {
      where.push('kind = ?');
      params.push(query.kind);
    }
    if (query.search) {
      where.push("(name LIKE ? ESCAPE '\\' OR spec LIKE ? ESCAPE '\\')");
      const pattern = `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      params.push(pattern, pattern);
    }
    const sql = `SELECT ${jobColumns} FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return this.db.prepare(sql).all(...params, query.limit ?? 1000) as JobRow[];
  }

  /** Queued and running jobs, whoever runs them. */
  liveJobs(): JobRow[] {
    return this.live.all() as JobRow[];
  }

  changedSince(ms: number): JobRow[] {
    return this.since.all(ms) as JobRow[];
  }

  patch(id: number, fields: JobPatch): void {
    const keys = Object.keys(fields).sort();
    const key = keys.join(',');
    let statement = this.patches.get(key);
    if (!statement) {
      const sets = keys.map((k) => `${snake[k] ?? k} = @${k}`);
      statement = this.db.prepare(`UPDATE jobs SET ${[...sets, 'updated_at = @updatedAt'].join(', ')} WHERE id = @id`);
      this.patches.set(key, statement);
    }
    statement.run({ ...fields, id, updatedAt: Date.now() });
  }

  /** The run under way ended at `at`: its time joins the job's `ranMs`. Nothing when no run was under way. */
  endRun(id: number, at = Date.now()): void {
    this.closeRun.run({ id, at, now: Date.now() });
  }

  /**
   * Removes a job and its ledger; false when there was none. The deletion is recorded in the
   * same transaction, for the processes that show the jobs (deletionsAfter).
   */
  delete(id: number, now = Date.now()): boolean {
    return this.db.transaction(() => {
      if (this.remove.run(id).changes === 0) return false;
      this.recordDeletion.run(id, now);
      this.pruneDeletions.run(now - keepDeletionsMs);
      return true;
    })();
  }

  /** Jobs deleted after the deletion numbered `seq` (0: from the first kept), in the order they were. */
  deletionsAfter(seq: number): JobDeletion[] {
    return this.deletions.all(seq) as JobDeletion[];
  }

  /** The number of the last deletion recorded (0 when none is): where a reader starts. */
  lastDeletion(): number {
    return this.lastDeletionSeq.get() as number;
  }

  count(id: number, deltas: CounterDeltas, bytesShown = 0): void {
    this.addCounters.run({
      id,
      itemsDone: deltas.itemsDone ?? 0,
      itemsFailed: deltas.itemsFailed ?? 0,
      itemsSkipped: deltas.itemsSkipped ?? 0,
      bytesDone: deltas.bytesDone ?? 0,
      bytesShown,
      now: Date.now(),
    });
  }
}
