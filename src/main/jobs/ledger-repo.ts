/**
 * The per-item ledger of a job (job_items): what each item is, whether it is done, and its
 * outcome. Written in large transactions by its callers (the plan in one, progress in
 * batches); every statement here is prepared once.
 */
import type Database from 'better-sqlite3';
import { ItemState, type ItemStateValue } from './job-record.js';

export type ItemType = 'file' | 'dir' | 'symlink' | 'problem' | 'input';

/** One ledger row. Copy entries use mode…action; compute inputs use input and result. */
export interface LedgerItem {
  seq: number;
  state: ItemStateValue;
  type: ItemType;
  /** A copy entry's path relative to the source; a compute input's label. */
  path: string;
  size: number;
  mode: number | null;
  mtimeMs: number | null;
  link: string | null;
  dest: string | null;
  action: string | null;
  /** A compute input as JSON (null for a range, whose input is derived from seq). */
  input: string | null;
  result: string | null;
  error: string | null;
}

export type NewItem = Pick<LedgerItem, 'seq' | 'type' | 'path'> & Partial<Omit<LedgerItem, 'seq' | 'type' | 'path'>>;

export interface FinishedItem {
  seq: number;
  state: ItemStateValue;
  path: string;
  result: string | null;
  error: string | null;
}

const itemColumns = 'seq, state, type, path, size, mode, mtime_ms AS mtimeMs, link, dest, action, input, result, error';

export class LedgerRepo {
  private readonly insert: Database.Statement;
  private readonly open: Database.Statement;
  private readonly page: Database.Statement;
  private readonly started: Database.Statement;
  private readonly startRange: Database.Statement;
  private readonly finishMany: Database.Statement;
  private readonly finishOne: Database.Statement;
  private readonly failed: Database.Statement;
  private readonly failedTotals: Database.Statement;
  private readonly reopenFailed: Database.Statement;
  private readonly fromSeq: Database.Statement;
  private readonly ofType: Database.Statement;
  private readonly removeAll: Database.Statement;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO job_items (job_id, seq, state, type, path, size, mode, mtime_ms, link, dest, action, input, error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.open = db.prepare(`SELECT ${itemColumns} FROM job_items WHERE job_id = ? AND state IN (0, 4) ORDER BY seq`);
    this.page = db.prepare(`SELECT ${itemColumns} FROM job_items WHERE job_id = ? AND seq > ? AND state IN (0, 4) ORDER BY seq LIMIT ?`);
    this.started = db.prepare(`SELECT ${itemColumns} FROM job_items WHERE job_id = ? AND state = 4 ORDER BY seq`);
    this.startRange = db.prepare('UPDATE job_items SET state = 4 WHERE job_id = ? AND seq BETWEEN ? AND ? AND state = 0');
    this.finishMany = db.prepare('UPDATE job_items SET state = ? WHERE job_id = ? AND seq BETWEEN ? AND ? AND state IN (0, 4)');
    this.finishOne = db.prepare('UPDATE job_items SET state = ?, result = ?, error = ? WHERE job_id = ? AND seq = ?');
    this.failed = db.prepare('SELECT path, error FROM job_items WHERE job_id = ? AND state = 2 ORDER BY seq LIMIT ?');
    this.failedTotals = db.prepare(
      "SELECT count(*) AS items, coalesce(sum(size), 0) AS bytes FROM job_items WHERE job_id = ? AND state = 2 AND type <> 'problem' AND coalesce(action, '') <> 'fail'",
    );
    this.reopenFailed = db.prepare(
      "UPDATE job_items SET state = 0, error = NULL WHERE job_id = ? AND state = 2 AND type <> 'problem' AND coalesce(action, '') <> 'fail'",
    );
    this.fromSeq = db.prepare('SELECT seq, state, path, result, error FROM job_items WHERE job_id = ? AND seq >= ? ORDER BY seq');
    this.ofType = db.prepare(`SELECT ${itemColumns} FROM job_items WHERE job_id = ? AND type = ? ORDER BY seq`);
    this.removeAll = db.prepare('DELETE FROM job_items WHERE job_id = ?');
  }

  /** Positional parameters: for 100,000 items, a third faster than named ones. */
  add(jobId: number, items: Iterable<NewItem>): void {
    const insert = this.insert;
    for (const item of items) {
      insert.run(
        jobId,
        item.seq,
        item.state ?? ItemState.pending,
        item.type,
        item.path,
        item.size ?? 0,
        item.mode ?? null,
        item.mtimeMs ?? null,
        item.link ?? null,
        item.dest ?? null,
        item.action ?? null,
        item.input ?? null,
        item.error ?? null,
      );
    }
  }

  /** Items not finished yet, pending or sent to a worker, in order. */
  openItems(jobId: number): LedgerItem[] {
    return this.open.all(jobId) as LedgerItem[];
  }

  /** Open items after `afterSeq`, at most `limit`: for reading a large ledger a page at a time. */
  openPage(jobId: number, afterSeq: number, limit: number): LedgerItem[] {
    return this.page.all(jobId, afterSeq, limit) as LedgerItem[];
  }

  /** Items that were with a worker when the job last stopped. */
  startedItems(jobId: number): LedgerItem[] {
    return this.started.all(jobId) as LedgerItem[];
  }

  itemsOfType(jobId: number, type: ItemType): LedgerItem[] {
    return this.ofType.all(jobId, type) as LedgerItem[];
  }

  markStarted(jobId: number, first: number, last: number): void {
    this.startRange.run(jobId, first, last);
  }

  /** Every open item of [first, last] to one state: a unit all of whose items succeeded. */
  finishRange(jobId: number, first: number, last: number, state: ItemStateValue): void {
    this.finishMany.run(state, jobId, first, last);
  }

  finish(jobId: number, seq: number, state: ItemStateValue, result: string | null = null, error: string | null = null): void {
    this.finishOne.run(state, result, error, jobId, seq);
  }

  failures(jobId: number, limit = 1000): Array<{ item: string; message: string }> {
    const rows = this.failed.all(jobId, limit) as Array<{ path: string; error: string | null }>;
    return rows.map((row) => ({ item: row.path, message: row.error ?? 'failed' }));
  }

  /**
   * Failed items go back to pending, except those no retry can help (entries the scan could
   * not read, conflicts the plan refused); returns how many and their bytes.
   */
  reopenFailedItems(jobId: number): { items: number; bytes: number } {
    const totals = this.failedTotals.get(jobId) as { items: number; bytes: number };
    if (totals.items > 0) this.reopenFailed.run(jobId);
    return totals;
  }

  /** Items from `seq` on, in order (iterated lazily). */
  *from(jobId: number, seq: number): IterableIterator<FinishedItem> {
    yield* this.fromSeq.iterate(jobId, seq) as IterableIterator<FinishedItem>;
  }

  removeItems(jobId: number): void {
    this.removeAll.run(jobId);
  }
}
