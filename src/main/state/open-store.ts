/**
 * Opening the state database: create its folder, open the file, set WAL and the pragmas,
 * run the migrations. Every failure becomes a StoreOpenError that says what failed, on which
 * path, and what the person can do about it.
 */
import { mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { corruptionOf } from './corruption.js';
import { StoreOpenError } from './errors.js';
import { migrate, NewerSchemaError, type Migration } from './migration.js';
import { migrations as allMigrations } from './migrations/index.js';
import { Store } from './store.js';

export interface StoreOptions {
  /** Defaults to every migration of migrations/index.ts; tests pass a prefix of it. */
  migrations?: readonly Migration[];
  /** How long a write waits for another connection's lock before failing. */
  busyTimeoutMs?: number;
}

export const MEMORY = ':memory:';

/**
 * SQLite's native module, loaded when the first store is opened: a program that imports
 * procpool only for its pools never pays for it (~18 ms here).
 */
let sqlite: typeof Database | undefined;
export const loadSqlite = (): typeof Database => (sqlite ??= createRequire(import.meta.url)('better-sqlite3') as typeof Database);

/** Opens (creating if needed) the state database at `path`, or an in-memory one. */
export function openStore(path: string = MEMORY, options: StoreOptions = {}): Store {
  const file = path === MEMORY ? MEMORY : resolve(path);
  if (file !== MEMORY) prepareFolder(file);
  let db: Database.Database | undefined;
  try {
    db = new (loadSqlite())(file, { timeout: options.busyTimeoutMs ?? 5000 });
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    if (file !== MEMORY) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new Error(`the file refused WAL mode (journal_mode is ${String(mode)})`);
    }
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const version = migrate(db, options.migrations ?? allMigrations);
    return new Store(db, file, version);
  } catch (error) {
    db?.close();
    throw openError(file, error);
  }
}

function prepareFolder(file: string): void {
  const folder = dirname(file);
  try {
    makeFolders(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new StoreOpenError(
      `cannot create the folder ${folder} for the state database ${file} (${code ?? String(error)}). ` +
        'Choose a database path in a folder you can write to (--db PATH or PROCPOOL_DB).',
      { path: file, code },
      { cause: error },
    );
  }
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
    throw new StoreOpenError(
      `cannot open the state database ${file}: it is a folder. Give the path of a file inside it, e.g. ${file}/state.db.`,
      { path: file, code: 'EISDIR' },
    );
  }
}

/** `mkdir -p` one level at a time: Node 20's recursive mkdir spins for ever under /proc or /sys. */
function makeFolders(folder: string): void {
  if (statSync(folder, { throwIfNoEntry: false })?.isDirectory()) return;
  const parent = dirname(folder);
  if (parent !== folder) makeFolders(parent);
  try {
    mkdirSync(folder);
  } catch (error) {
    // Another process starting at the same moment made it first.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(folder).isDirectory()) throw error;
  }
}

function openError(file: string, error: unknown): StoreOpenError {
  if (error instanceof StoreOpenError) return error;
  const corrupt = corruptionOf(file, error);
  if (corrupt) return corrupt;
  const code = (error as { code?: unknown }).code;
  const reason = error instanceof Error ? error.message : String(error);
  const what = `cannot open the state database ${file}`;
  let hint = 'Check the path, or choose another one with --db PATH or PROCPOOL_DB.';
  if (error instanceof NewerSchemaError) {
    hint = 'It was written by a newer procpool: upgrade procpool, or use another database file.';
  } else if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') {
    hint = 'Check that the file and its folder exist and are writable by you, or choose another path with --db PATH or PROCPOOL_DB.';
  } else if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    hint = 'Another program holds the database locked; close it and try again.';
  }
  return new StoreOpenError(`${what}: ${reason}. ${hint}`, { path: file, code: typeof code === 'string' ? code : undefined }, { cause: error });
}
