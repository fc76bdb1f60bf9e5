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
  /** A copy entry's planned action; NULL for 'copy', the usual one. */
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

/** Rows per INSERT on the fast path: one statement run per 64 items, not per item. */
const rowsPerInsert = 64;
const plainColumns = 'job_id, seq, type, path, size, mode, mtime_ms';
const plainRow = '(?, ?, ?, ?, ?, ?, ?)';
const plainWidth = 7;

export class LedgerRepo {
  private readonly insert: Database.Statement;
  private readonly insertPlain: Database.Statement;
  private readonly insertPlainMany: Database.Statement;
  private readonly open: Database.Statement;
  private readonly page: Database.Statement;
  private readonly openUpTo: Database.Statement;
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
    this.insertPlain = db.prepare(`INSERT INTO job_items (${plainColumns}) VALUES ${plainRow}`);
    this.insertPlainMany = db.prepare(`INSERT INTO job_items (${plainColumns}) VALUES ${Array(rowsPerInsert).fill(plainRow).join(', ')}`);
    this.open = db.prepare(`SELECT ${itemColumns} FROM job_items WHERE job_id = ? AND state = 0 ORDER BY seq`);
    this.page = db.prepare(`SELECT ${itemColumns} FROM job_items WHERE job_id = ? AND seq > ? AND state = 0 ORDER BY seq LIMIT ?`);
    this.openUpTo = db.prepare(`SELECT ${itemColumns} FROM job_items WHERE job_id = ? AND seq <= ? AND state = 0 ORDER BY seq`);
    this.finishMany = db.prepare('UPDATE job_items SET state = ? WHERE job_id = ? AND seq BETWEEN ? AND ? AND state = 0');
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

  /**
   * Pending items with nothing but a path, size, mode and time (nearly every entry of a
   * copy: action 'copy' is stored as NULL) go in 64 at a time with just those columns: for
   * 100,000 items, half the time of one full-width INSERT per item.
   */
  add(jobId: number, items: Iterable<NewItem>): void {
    const plain: unknown[] = [];
    let count = 0;
    for (const item of items) {
      const bare = item.link == null && item.dest == null && item.input == null && item.error == null;
      if (bare && (item.state ?? ItemState.pending) === ItemState.pending && (item.action ?? 'copy') === 'copy') {
        plain.push(jobId, item.seq, item.type, item.path, item.size ?? 0, item.mode ?? null, item.mtimeMs ?? null);
        if (++count === rowsPerInsert) {
          this.insertPlainMany.run(plain);
          plain.length = 0;
          count = 0;
        }
        continue;
      }
      this.insert.run(
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
    for (let i = 0; i < plain.length; i += plainWidth) this.insertPlain.run(plain.slice(i, i + plainWidth));
  }

  /** Items not finished yet, in order. */
  openItems(jobId: number): LedgerItem[] {
    return this.open.all(jobId) as LedgerItem[];
  }

  /** Open items after `afterSeq`, at most `limit`: for reading a large ledger a page at a time. */
  openPage(jobId: number, afterSeq: number, limit: number): LedgerItem[] {
    return this.page.all(jobId, afterSeq, limit) as LedgerItem[];
  }

  /** Open items up to `seq` (those that may have been with a worker when the job stopped). */
  openItemsUpTo(jobId: number, seq: number): LedgerItem[] {
    return this.openUpTo.all(jobId, seq) as LedgerItem[];
  }

  itemsOfType(jobId: number, type: ItemType): LedgerItem[] {
    return this.ofType.all(jobId, type) as LedgerItem[];
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
