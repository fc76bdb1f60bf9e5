/**
 * Migration 6: a deleted job stays deleted for whoever looks.
 *
 * Ids are never reused. `jobs.id` was a plain INTEGER PRIMARY KEY, which SQLite numbers
 * max(id) + 1: deleting the newest job gave its id to the next one, and `procpool jobs
 * results N`, a bookmark or an open Details pane then showed another job. AUTOINCREMENT
 * keeps the highest id ever given (in sqlite_sequence); SQLite adds it only by creating the
 * table, so `jobs` is rebuilt, every row with its id. Migrations run inside a transaction
 * with foreign keys on (they cannot be turned off there), so dropping the old `jobs` would
 * delete every ledger row with it (ON DELETE CASCADE): the two ledger tables are rebuilt
 * too, referring to the new table, and the old ones are dropped before the old `jobs`.
 * Renaming the new `jobs` into place carries their references along. A ledger row of no
 * job (left by a tool that ran with foreign keys off) is not carried over. It costs a copy
 * of the ledger, once: ~1.5 s for a million items.
 *
 * Deletions are recorded. A process that shows the jobs (the app) finds changes made by
 * others by their rows' time; a deleted row is gone, so `job_deletions` keeps one row per
 * deletion, written in the deletion's transaction and numbered in order (never reusing a
 * number), for a reader to read from where it left off. Rows are dropped after a day
 * (jobs-repo.ts).
 */
import type Database from 'better-sqlite3';
import type { Migration } from '../migration.js';

export const jobDeletions: Migration = {
  version: 6,
  name: 'job_deletions',
  up(db) {
    db.exec(`
      CREATE TABLE jobs_new (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        kind           TEXT    NOT NULL CHECK (kind IN ('copy', 'compute')),
        name           TEXT    NOT NULL,
        spec           TEXT    NOT NULL,
        status         TEXT    NOT NULL
                       CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled', 'interrupted')),
        message        TEXT,
        error_name     TEXT,
        planned        INTEGER NOT NULL DEFAULT 0,
        plan           TEXT,
        items_total    INTEGER NOT NULL DEFAULT 0,
        items_done     INTEGER NOT NULL DEFAULT 0,
        items_failed   INTEGER NOT NULL DEFAULT 0,
        items_skipped  INTEGER NOT NULL DEFAULT 0,
        bytes_total    INTEGER NOT NULL DEFAULT 0,
        bytes_done     INTEGER NOT NULL DEFAULT 0,
        bytes_shown    INTEGER NOT NULL DEFAULT 0,
        created_at     INTEGER NOT NULL,
        started_at     INTEGER,
        finished_at    INTEGER,
        updated_at     INTEGER NOT NULL,
        owner_pid      INTEGER,
        owner_start    TEXT,
        worker_pids    TEXT,
        sent_upto      INTEGER NOT NULL DEFAULT -1,
        control        TEXT    CHECK (control IN ('cancel', 'pause')),
        ran_ms         INTEGER NOT NULL DEFAULT 0,
        run_started_at INTEGER
      ) STRICT;

      CREATE TABLE job_items_new (
        job_id    INTEGER NOT NULL REFERENCES jobs_new (id) ON DELETE CASCADE,
        seq       INTEGER NOT NULL,
        state     INTEGER NOT NULL DEFAULT 0,
        type      TEXT    NOT NULL DEFAULT 'file',
        path      TEXT    NOT NULL,
        size      INTEGER NOT NULL DEFAULT 0,
        mode      INTEGER,
        mtime_ms  REAL,
        link      TEXT,
        dest      TEXT,
        action    TEXT,
        input     TEXT,
        result    TEXT,
        error     TEXT,
        raw_paths TEXT,
        PRIMARY KEY (job_id, seq)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE job_done_ranges_new (
        job_id INTEGER NOT NULL REFERENCES jobs_new (id) ON DELETE CASCADE,
        first  INTEGER NOT NULL,
        last   INTEGER NOT NULL,
        PRIMARY KEY (job_id, first)
      ) STRICT, WITHOUT ROWID;
    `);
    copyRows(db, 'jobs', 'jobs_new', '');
    const ofAJob = 'WHERE job_id IN (SELECT id FROM jobs)';
    copyRows(db, 'job_items', 'job_items_new', ofAJob);
    copyRows(db, 'job_done_ranges', 'job_done_ranges_new', ofAJob);
    db.exec(`
      DROP TABLE job_items;
      DROP TABLE job_done_ranges;
      DROP TABLE jobs;
      ALTER TABLE jobs_new RENAME TO jobs;
      ALTER TABLE job_items_new RENAME TO job_items;
      ALTER TABLE job_done_ranges_new RENAME TO job_done_ranges;
      CREATE INDEX jobs_updated ON jobs (updated_at);
      CREATE INDEX jobs_live ON jobs (status) WHERE status IN ('queued', 'running');

      CREATE TABLE job_deletions (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        job_id     INTEGER NOT NULL,
        deleted_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX job_deletions_at ON job_deletions (deleted_at);
    `);
  },
};

/** Copies every column the old table has, by name: a column the new one lacks fails the migration. */
function copyRows(db: Database.Database, from: string, to: string, where: string): void {
  const columns = (db.pragma(`table_info(${from})`) as Array<{ name: string }>).map((column) => column.name).join(', ');
  db.exec(`INSERT INTO ${to} (${columns}) SELECT ${columns} FROM ${from} ${where}`);
}
