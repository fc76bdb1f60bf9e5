/**
 * The per-item ledger of a job (job_items): what each item is, whether it is done, and its
 * outcome. Written in large transactions by its callers (the plan in one, progress in
 * batches); every statement here is prepared once.
 */
import type Database from 'better-sqlite3';
import { ItemState, type ItemStateValue } from './job-record.js';
import { hasRawBytes } from '../../shared/path-bytes.js';
import { exactPaths, storedPaths } from './ledger-paths.js';

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
  /** Set when path, dest or link hold bytes that are not UTF-8: their exact forms, already given to them (ledger-paths.ts). */
  raw?: string | null;
}

export type NewItem = Pick<LedgerItem, 'seq' | 'type' | 'path'> & Partial<Omit<LedgerItem, 'seq' | 'type' | 'path'>>;

export interface FinishedItem {
  seq: number;
  state: ItemStateValue;
  path: string;
  result: string | null;
  error: string | null;
}

/** A compute input's row for a results page: its texts cut to a given length, so a huge result is never read whole. */
export interface ResultRow {
  seq: number;
  state: ItemStateValue;
  input: string | null;
  result: string | null;
  error: string | null;
}

const itemColumns = 'seq, state, type, path, size, mode, mtime_ms AS mtimeMs, link, dest, action, input, result, error, raw_paths AS raw';

/** Rows per INSERT on the fast paths: one statement run per 64 items, not per item. */
const rowsPerInsert = 64;

/** An INSERT of many rows of the same few columns, filled and run 64 rows at a time. */
class BulkInsert {
  /** Push one row's values here, then call `added()` (no spread: this runs 100,000 times, mostly unoptimised). */
  readonly values: unknown[] = [];
  private readonly full: number;
  private readonly many: Database.Statement;
  private readonly one: Database.Statement;
  private readonly width: number;

  constructor(db: Database.Database, columns: string[]) {
    const row = `(${columns.map(() => '?').join(', ')})`;
    this.many = db.prepare(`INSERT INTO job_items (${columns.join(', ')}) VALUES ${Array(rowsPerInsert).fill(row).join(', ')}`);
    this.one = db.prepare(`INSERT INTO job_items (${columns.join(', ')}) VALUES ${row}`);
    this.width = columns.length;
    this.full = this.width * rowsPerInsert;
  }

  added(): void {
    if (this.values.length === this.full) {
      this.many.run(this.values);
      this.values.length = 0;
    }
  }

  flush(): void {
    for (let i = 0; i < this.values.length; i += this.width) this.one.run(this.values.slice(i, i + this.width));
    this.values.length = 0;
  }
}

export class LedgerRepo {
  private readonly insert: Database.Statement;
  private readonly files: BulkInsert;
  private readonly plain: BulkInsert;
  private readonly open: Database.Statement;
  private readonly page: Database.Statement;
  private readonly openUpTo: Database.Statement;
  private readonly addRange: Database.Statement;
  private readonly ranges: Database.Statement;
  private readonly removeRanges: Database.Statement;
  private readonly finishOne: Database.Statement;
  private readonly failed: Database.Statement;
  private readonly notCopied: Database.Statement;
  private readonly failedTotals: Database.Statement;
  private readonly reopenFailed: Database.Statement;
  private readonly fromSeq: Database.Statement;
  private readonly resultsFrom: Database.Statement;
  private readonly ofType: Database.Statement;
  private readonly removeAll: Database.Statement;
  private readonly filesAfter: Database.Statement;
  private readonly rangeAt: Database.Statement;
  private readonly removeRange: Database.Statement;
  private readonly reopenOne: Database.Statement;
  private readonly unlisted: Database.Statement;
  private readonly anyUnlisted: Database.Statement;
  private readonly maxSeq: Database.Statement;
  private readonly setModeTime: Database.Statement;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO job_items (job_id, seq, state, type, path, size, mode, mtime_ms, link, dest, action, input, error, raw_paths)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.files = new BulkInsert(db, ['job_id', 'seq', 'path', 'size']);
    this.plain = new BulkInsert(db, ['job_id', 'seq', 'type', 'path', 'size', 'mode', 'mtime_ms']);
    this.open = db.prepare(`SELECT ${itemColumns} FROM job_items WHERE job_id = ? AND state = 0 ORDER BY seq`);
    this.page = db.prepare(`SELECT ${itemColumns} FROM job_items WHERE job_id = ? AND seq > ? AND state = 0 ORDER BY seq LIMIT ?`);
    this.openUpTo = db.prepare(`SELECT ${itemColumns} FROM job_items WHERE job_id = ? AND seq <= ? AND state = 0 ORDER BY seq`);
    this.addRange = db.prepare('INSERT INTO job_done_ranges (job_id, first, last) VALUES (?, ?, ?)');
    this.ranges = db.prepare('SELECT first, last FROM job_done_ranges WHERE job_id = ? ORDER BY first');
    this.removeRanges = db.prepare('DELETE FROM job_done_ranges WHERE job_id = ?');
    this.finishOne = db.prepare('UPDATE job_items SET state = ?, result = ?, error = ? WHERE job_id = ? AND seq = ?');
    this.failed = db.prepare('SELECT path, error FROM job_items WHERE job_id = ? AND state = 2 ORDER BY seq LIMIT ?');
    this.notCopied = db.prepare('SELECT coalesce(sum(size), 0) AS bytes FROM job_items WHERE job_id = ? AND state IN (2, 3)');
    this.failedTotals = db.prepare(
      "SELECT count(*) AS items, coalesce(sum(size), 0) AS bytes FROM job_items WHERE job_id = ? AND state = 2 AND type <> 'problem' AND coalesce(action, '') <> 'fail'",
    );
    this.reopenFailed = db.prepare(
      "UPDATE job_items SET state = 0, error = NULL WHERE job_id = ? AND state = 2 AND type <> 'problem' AND coalesce(action, '') <> 'fail'",
    );
    this.fromSeq = db.prepare('SELECT seq, state, path, result, error FROM job_items WHERE job_id = ? AND seq >= ? ORDER BY seq');
    this.resultsFrom = db.prepare(
      'SELECT seq, state, substr(input, 1, @chars) AS input, substr(result, 1, @chars) AS result, substr(error, 1, @chars) AS error FROM job_items WHERE job_id = @jobId AND seq >= @fromSeq ORDER BY seq LIMIT @limit',
    );
    this.ofType = db.prepare(`SELECT ${itemColumns} FROM job_items WHERE job_id = ? AND type = ? ORDER BY seq`);
    this.removeAll = db.prepare('DELETE FROM job_items WHERE job_id = ?');
    this.filesAfter = db.prepare(`SELECT ${itemColumns} FROM job_items WHERE job_id = ? AND type = 'file' AND seq > ? ORDER BY seq LIMIT ?`);
    this.rangeAt = db.prepare('SELECT first, last FROM job_done_ranges WHERE job_id = ? AND first <= ? AND last >= ?');
    this.removeRange = db.prepare('DELETE FROM job_done_ranges WHERE job_id = ? AND first = ?');
    this.reopenOne = db.prepare('UPDATE job_items SET state = 0, result = NULL, error = NULL WHERE job_id = ? AND seq = ?');
    // A folder the scan could not list: marked 'list' (copy-plan.ts unlistedAction); a plan written before the mark, by its message.
    const unlistedFolder = "job_id = ? AND type = 'problem' AND state = 2 AND (action = 'list' OR (action IS NULL AND error LIKE 'cannot read the folder %'))";
    this.unlisted = db.prepare(`SELECT ${itemColumns} FROM job_items WHERE ${unlistedFolder} ORDER BY seq`);
    this.anyUnlisted = db.prepare(`SELECT 1 FROM job_items WHERE ${unlistedFolder} LIMIT 1`).pluck();
    this.setModeTime = db.prepare('UPDATE job_items SET mode = ?, mtime_ms = ? WHERE job_id = ? AND seq = ?');
    this.maxSeq = db.prepare('SELECT coalesce(max(seq), -1) FROM job_items WHERE job_id = ?').pluck();
  }

  /**
   * Pending items to copy with nothing but a path, size, mode and time (nearly every entry
   * of a copy; action 'copy' is stored as NULL) go in 64 at a time with just those columns,
   * and files with just their path and size: a resumed copy reads a file's mode and time
   * from the file itself, so the plan need not store them. For 100,000 files this is a
   * third of the time of one full-width INSERT per item.
   */
  add(jobId: number, items: Iterable<NewItem>): void {
    for (const item of items) {
      const bare = item.link == null && item.dest == null && item.input == null && item.error == null && !hasRawBytes(item.path);
      if (bare && (item.state ?? ItemState.pending) === ItemState.pending && (item.action ?? 'copy') === 'copy') {
        if (item.type === 'file') {
          this.files.values.push(jobId, item.seq, item.path, item.size ?? 0);
          this.files.added();
        } else {
          this.plain.values.push(jobId, item.seq, item.type, item.path, item.size ?? 0, item.mode ?? null, item.mtimeMs ?? null);
          this.plain.added();
        }
        continue;
      }
      const paths = storedPaths({ path: item.path, dest: item.dest ?? null, link: item.link ?? null });
      this.insert.run(
        jobId,
        item.seq,
        item.state ?? ItemState.pending,
        item.type,
        paths.path,
        item.size ?? 0,
        item.mode ?? null,
        item.mtimeMs ?? null,
        paths.link,
        paths.dest,
        item.action ?? null,
        item.input ?? null,
        item.error ?? null,
        paths.raw,
      );
    }
    this.files.flush();
    this.plain.flush();
  }

  /** Items not finished yet, in order. */
  openItems(jobId: number): LedgerItem[] {
    return this.notInRanges(jobId, exactPaths(this.open.all(jobId) as LedgerItem[]));
  }

  /** Open items after `afterSeq`, at most `limit`: for reading a large ledger a page at a time (compute jobs, which record no ranges). */
  openPage(jobId: number, afterSeq: number, limit: number): LedgerItem[] {
    return exactPaths(this.page.all(jobId, afterSeq, limit) as LedgerItem[]);
  }

  /** Open items up to `seq` (those that may have been with a worker when the job stopped). */
  openItemsUpTo(jobId: number, seq: number): LedgerItem[] {
    return this.notInRanges(jobId, exactPaths(this.openUpTo.all(jobId, seq) as LedgerItem[]));
  }

  /** Items of one type, those finished in a done range shown as done. */
  itemsOfType(jobId: number, type: ItemType): LedgerItem[] {
    const items = exactPaths(this.ofType.all(jobId, type) as LedgerItem[]);
    const done = new Set(this.inRanges(jobId, items).map((item) => item.seq));
    return items.map((item) => (done.has(item.seq) ? { ...item, state: ItemState.done } : item));
  }

  /** Records that every item of [first, last] succeeded: a unit (consecutive open items) whose items all did. */
  finishRange(jobId: number, first: number, last: number): void {
    this.addRange.run(jobId, first, last);
  }
  finish(jobId: number, seq: number, state: ItemStateValue, result: string | null = null, error: string | null = null): void {
    this.finishOne.run(state, result, error, jobId, seq);
  }

  failures(jobId: number, limit = 1000): Array<{ item: string; message: string }> {
    const rows = this.failed.all(jobId, limit) as Array<{ path: string; error: string | null }>;
    return rows.map((row) => ({ item: row.path, message: row.error ?? 'failed' }));
  }

  /**
   * Bytes of the job's failed and skipped items: counted as done for its progress (they are
   * through), never written. Reads every row of the job, so it is for a finished job's details.
   */
  bytesNotCopied(jobId: number): number {
    return (this.notCopied.get(jobId) as { bytes: number }).bytes;
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

  /** The folders the scan could not list (failed problem items), in order: a retry lists them again. */
  unlistedFolders(jobId: number): LedgerItem[] {
    return exactPaths(this.unlisted.all(jobId) as LedgerItem[]);
  }

  hasUnlistedFolders(jobId: number): boolean {
    return this.anyUnlisted.get(jobId) !== undefined;
  }

  /** A folder's mode and time as they are now (one listed again): what it gets once its contents are copied. */
  updateModeTime(jobId: number, seq: number, mode: number, mtimeMs: number): void {
    this.setModeTime.run(mode, mtimeMs, jobId, seq);
  }

  /** The job's highest item number (-1 when it has none): items added later come after it. */
  lastSeq(jobId: number): number {
    return this.maxSeq.get(jobId) as number;
  }

  /** Finished files after `afterSeq`, in order, from a page of at most `limit` file rows (for reading a large ledger a page at a time). */
  doneFilesPage(jobId: number, afterSeq: number, limit: number): { items: LedgerItem[]; lastSeq: number | undefined } {
    const page = exactPaths(this.filesAfter.all(jobId, afterSeq, limit) as LedgerItem[]);
    const inRange = new Set(this.inRanges(jobId, page));
    return { items: page.filter((item) => item.state === ItemState.done || inRange.has(item)), lastSeq: page[page.length - 1]?.seq };
  }

  /** Finished items become pending again (a done range around one is split); run inside the caller's transaction. */
  reopenItems(jobId: number, seqs: number[]): void {
    for (const seq of seqs) {
      const range = this.rangeAt.get(jobId, seq, seq) as { first: number; last: number } | undefined;
      if (range) {
        this.removeRange.run(jobId, range.first);
        if (range.first < seq) this.addRange.run(jobId, range.first, seq - 1);
        if (seq < range.last) this.addRange.run(jobId, seq + 1, range.last);
      }
      this.reopenOne.run(jobId, seq);
    }
  }

  /** Items from `seq` on, in order (iterated lazily). */
  *from(jobId: number, seq: number): IterableIterator<FinishedItem> {
    yield* this.fromSeq.iterate(jobId, seq) as IterableIterator<FinishedItem>;
  }

  /**
   * At most `limit` items from `fromSeq` on, in order, each text at most `chars` characters
   * long (a range over the primary key: a page of a million-item job reads that page only).
   * Compute items are finished one by one, never as done ranges, so their state is the row's.
   */
  resultRows(jobId: number, fromSeq: number, limit: number, chars: number): ResultRow[] {
    return this.resultsFrom.all({ jobId, fromSeq, limit, chars }) as ResultRow[];
  }

  removeItems(jobId: number): void {
    this.removeAll.run(jobId);
    this.removeRanges.run(jobId);
  }

  private notInRanges(jobId: number, items: LedgerItem[]): LedgerItem[] {
    const covered = new Set(this.inRanges(jobId, items));
    return covered.size === 0 ? items : items.filter((item) => !covered.has(item));
  }

  /** The items (in seq order) that fall in a done range: one sweep over both sorted lists. */
  private inRanges(jobId: number, items: LedgerItem[]): LedgerItem[] {
    const ranges = this.ranges.all(jobId) as Array<{ first: number; last: number }>;
    const found: LedgerItem[] = [];
    let r = 0;
    for (const item of items) {
      while (r < ranges.length && ranges[r]!.last < item.seq) r++;
      if (r < ranges.length && ranges[r]!.first <= item.seq) found.push(item);
    }
    return found;
  }
}
