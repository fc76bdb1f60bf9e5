/**
 * A damaged state database shows itself wherever a read first reaches a bad page: at open
 * (the header or the schema) or at any later query (a table's pages). Checking every page at
 * open would cost ~7 ms per MB on every start, so instead whoever meets SQLite's corruption
 * error turns it into this one message: which file, and what the person can do.
 */
import { StoreOpenError } from './errors.js';

/** SQLITE_CORRUPT and its extended codes (SQLITE_CORRUPT_INDEX, …), SQLITE_NOTADB. */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}

/** The StoreOpenError that explains `error` when it is SQLite's corruption of `path`, else undefined. */
export function corruptionOf(path: string, error: unknown): StoreOpenError | undefined {
  if (error instanceof StoreOpenError || !isCorruption(error)) return undefined;
  const code = (error as { code: string }).code;
  const reason = `${code}: ${error instanceof Error ? error.message : String(error)}`;
  const what = code === 'SQLITE_NOTADB' ? 'is not a SQLite database' : 'is corrupt';
  const salvage = code === 'SQLITE_NOTADB' ? '' : " (sqlite3's .recover may save some of what it holds)";
  return new StoreOpenError(
    `the state database ${path} ${what} (${reason}). Move it aside, with its -wal and -shm files if any, to start afresh${salvage}; ` +
      'or choose another path with --db PATH or PROCPOOL_DB.',
    { path, code },
    { cause: error },
  );
}
