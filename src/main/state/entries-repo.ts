/**
 * SQL for `manager_entries`: dict entries, namespace attributes and a value's single entry.
 * Rows keep their first insertion's id when updated, so keys come back in insertion order,
 * as in a Python dict.
 */
import type Database from 'better-sqlite3';

export interface EntryRow {
  key: string;
  value: Buffer;
}

export class EntriesRepo {
  private readonly getOne: Database.Statement<[number, string], { value: Buffer }>;
  private readonly upsert: Database.Statement<[number, string, Buffer]>;
  private readonly deleteOne: Database.Statement<[number, string]>;
  private readonly keysOf: Database.Statement<[number], { key: string }>;
  private readonly rowsOf: Database.Statement<[number], EntryRow>;
  private readonly firstRows: Database.Statement<[number, number], EntryRow>;
  private readonly countOf: Database.Statement<[number], { n: number }>;
  private readonly clearOf: Database.Statement<[number]>;

  constructor(db: Database.Database) {
    this.getOne = db.prepare('SELECT value FROM manager_entries WHERE object_id = ? AND key = ?');
    this.upsert = db.prepare(
      'INSERT INTO manager_entries (object_id, key, value) VALUES (?, ?, ?) ' +
        'ON CONFLICT (object_id, key) DO UPDATE SET value = excluded.value',
    );
    this.deleteOne = db.prepare('DELETE FROM manager_entries WHERE object_id = ? AND key = ?');
    this.keysOf = db.prepare('SELECT key FROM manager_entries WHERE object_id = ? ORDER BY id');
    this.rowsOf = db.prepare('SELECT key, value FROM manager_entries WHERE object_id = ? ORDER BY id');
    this.firstRows = db.prepare('SELECT key, value FROM manager_entries WHERE object_id = ? ORDER BY id LIMIT ?');
    this.countOf = db.prepare('SELECT count(*) AS n FROM manager_entries WHERE object_id = ?');
    this.clearOf = db.prepare('DELETE FROM manager_entries WHERE object_id = ?');
  }

  get(object: number, key: string): Buffer | undefined {
    return this.getOne.get(object, key)?.value;
  }

  set(object: number, key: string, value: Buffer): void {
    this.upsert.run(object, key, value);
  }

  /** Whether a row was there to delete. */
  delete(object: number, key: string): boolean {
    return this.deleteOne.run(object, key).changes > 0;
  }

  keys(object: number): string[] {
    return this.keysOf.all(object).map((row) => row.key);
  }

  rows(object: number, limit?: number): EntryRow[] {
    return limit === undefined ? this.rowsOf.all(object) : this.firstRows.all(object, limit);
  }

  count(object: number): number {
    return this.countOf.get(object)?.n ?? 0;
  }

  clear(object: number): void {
    this.clearOf.run(object);
  }
}
