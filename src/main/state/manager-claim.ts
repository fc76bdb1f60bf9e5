/**
 * A Manager's claim on its database file. Its unnamed objects, queue waiters, locks and
 * leases live in its own process, so two Managers on one file would delete each other's
 * objects and hand out the same items twice: a file has one Manager at a time. The jobs
 * tables of the same file stay shared (the app and the command line use them at once).
 *
 * The claim is an exclusive SQLite lock on a small side file, `state.db-manager.lock`,
 * held for the Manager's life (`locking_mode=EXCLUSIVE`). The operating system drops it
 * when the process ends in any way, kill -9 included, so a dead owner never blocks the next
 * Manager, and no PID is trusted for that (PIDs get reused). The owner writes its PID into
 * the file's header (user_version) only so a refused Manager can say who holds it.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { StoreOpenError } from './errors.js';
import { loadSqlite } from './open-store.js';

/** SQLite's header field user_version: 4 bytes, big-endian, at offset 60 (fileformat2.html). */
const USER_VERSION_OFFSET = 60;

/**
 * The lock files this process holds, by device and inode, with their connections. A second
 * claim in this process is told apart without opening the file: closing any descriptor of a
 * file drops every POSIX lock the process has on it, the holder's included. Held here, a
 * connection lives until release(): one reachable only from its Manager was closed by the
 * garbage collector once a program kept only the Manager's proxies (the lock went with it,
 * and a second Manager started on the live file).
 */
const heldHere = new Map<string, Database.Database>();

export class ManagerClaim {
  private constructor(
    private readonly lock: Database.Database,
    private readonly identity: string,
  ) {}

  /** Claims `file` (an absolute path) for this process's Manager, or throws StoreOpenError. */
  static take(file: string): ManagerClaim {
    const lockFile = `${file}-manager.lock`;
    let lock: Database.Database | undefined;
    try {
      lock = new (loadSqlite())(lockFile, { timeout: 0 });
      lock.pragma('locking_mode = EXCLUSIVE');
      lock.pragma('journal_mode = MEMORY');
      lock.exec('BEGIN EXCLUSIVE');
      lock.pragma(`user_version = ${process.pid}`);
      lock.exec('COMMIT');
    } catch (error) {
      lock?.close();
      if ((error as { code?: unknown }).code === 'SQLITE_BUSY') throw inUse(file, lockFile);
      const reason = error instanceof Error ? error.message : String(error);
      throw new StoreOpenError(
        `cannot claim the state database ${file} for this Manager: its lock file ${lockFile} failed (${reason}). ` +
          'Check that its folder is writable; if no Manager runs on the file, delete the lock file.',
        { path: file, code: (error as { code?: string }).code },
        { cause: error },
      );
    }
    const identity = identityOf(lockFile);
    heldHere.set(identity, lock);
    return new ManagerClaim(lock, identity);
  }

  /** Lets the file go; the next Manager may claim it. */
  release(): void {
    if (!this.lock.open) return;
    try {
      this.lock.pragma('user_version = 0');
    } finally {
      this.lock.close();
      heldHere.delete(this.identity);
    }
  }
}

function identityOf(path: string): string {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat ? `${stat.dev}:${stat.ino}` : '';
}

function inUse(file: string, lockFile: string): StoreOpenError {
  const details = { path: file, code: 'SQLITE_BUSY' };
  if (heldHere.has(identityOf(lockFile))) {
    return new StoreOpenError(
      `the state database ${file} is in use by another Manager of this process (${process.pid}): ` +
        'use that one, or shut it down before starting another on the same file.',
      details,
    );
  }
  const pid = ownerPid(lockFile);
  return new StoreOpenError(
    `the state database ${file} is in use by the Manager of ${pid ? `process ${pid}` : 'another process'}; ` +
      'a file has one Manager at a time. Stop that program (or shut its Manager down) and start again, or give this Manager another file.',
    details,
  );
}

/** The PID the holder wrote into the lock file's header; 0 while it has not yet. */
function ownerPid(lockFile: string): number {
  const header = Buffer.alloc(4);
  const fd = openSync(lockFile, 'r');
  try {
    return readSync(fd, header, 0, 4, USER_VERSION_OFFSET) === 4 ? header.readInt32BE(0) : 0;
  } finally {
    closeSync(fd);
  }
}
