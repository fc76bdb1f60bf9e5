/**
 * The state store: the one writer connection to the SQLite file, owned by main/state.
 *
 * Durability: WAL with synchronous=NORMAL. A commit is written to the WAL file before it
 * returns, so once a write is acknowledged it survives a crash or `kill -9` of this process
 * (the operating system still holds the data); only a power loss or kernel crash can lose the
 * last transactions before the next checkpoint. FULL would add an fsync per commit (about a
 * millisecond) for that last case; Python's Manager keeps nothing at all, so NORMAL it is.
 *
 * Writes of one event-loop turn share one transaction (`write()`): the commit runs at the
 * end of the turn and only then do their promises resolve, so "acknowledged" still means
 * "committed", at the price of one commit per turn instead of one per write.
 */
import type Database from 'better-sqlite3';
import { ManagerStateError } from './errors.js';

interface Waiting {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class Store {
  private group: Waiting[] | undefined;
  private writing = 0;
  private closed = false;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;

  constructor(
    /** The connection. Other modules prepare statements on it; they never BEGIN by hand. */
    readonly db: Database.Database,
    /** The file, or ':memory:'. */
    readonly path: string,
    readonly schemaVersion: number,
  ) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /**
   * Runs `fn` now inside this turn's shared transaction and returns a promise that resolves
   * with its value once that transaction is committed. If `fn` throws, its own changes are
   * rolled back (a savepoint) and the error is thrown synchronously, so a caller can update
   * in-memory state right after the call knowing the write went in.
   */
  write<T>(fn: () => T): Promise<T> {
    this.checkOpen();
    const first = !this.group;
    if (first) {
      this.begin.run();
      this.group = [];
      setImmediate(() => this.flush());
    }
    const group = this.group!;
    this.writing++;
    let value: T;
    try {
      // The first write of a turn needs no savepoint: if it fails, the whole transaction
      // holds nothing else and is rolled back. Later ones get a savepoint of their own.
      value = first ? fn() : this.db.transaction(fn)();
    } catch (error) {
      if (first) {
        this.group = undefined;
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
      }
      throw error;
    } finally {
      this.writing--;
    }
    return new Promise<T>((resolve, reject) => group.push({ resolve: () => resolve(value), reject }));
  }

  /**
   * A synchronous transaction, committed (durable) when it returns. Called inside a
   * `write()` it joins that write instead. Use it for work that must be atomic on its own.
   */
  transaction<T>(fn: () => T): T {
    this.checkOpen();
    if (this.writing > 0) return this.db.transaction(fn)();
    this.flush();
    return this.db.transaction(fn).immediate();
  }

  /** Commits the shared transaction now, settling the writes waiting on it. */
  flush(): void {
    const group = this.group;
    if (!group) return;
    this.group = undefined;
    try {
      this.commit.run();
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      for (const waiting of group) waiting.reject(error);
      return;
    }
    for (const waiting of group) waiting.resolve();
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.db.close();
  }

  private checkOpen(): void {
    if (this.closed) throw new ManagerStateError(`the state store ${this.path} is closed`);
  }
}
