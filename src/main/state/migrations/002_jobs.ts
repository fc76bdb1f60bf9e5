/**
 * Migration 2: the jobs layer (src/main/jobs). One row per job in `jobs`: its spec, status,
 * counters, timestamps and who runs it (owner pid and start time, so a job whose process
 * died is told apart from one another live process runs). One row per item in
 * `job_items`, the ledger: what to do (a copy entry, a compute input), its state and its
 * outcome (a compute result as JSON text, an error message). Items are numbered in input
 * order (`seq`), which is also the order results are exported in. A task whose items all
 * succeeded is one row of `job_done_ranges` (first..last seq) rather than an update of
 * each item: 100,000 small files cost a few hundred rows there instead of 100,000 row
 * rewrites. No index beyond the keys: every query reads one job's rows in order.
 */
import type { Migration } from '../migration.js';

export const jobsTables: Migration = {
  version: 2,
  name: 'jobs',
  up(db) {
    db.exec(`
      CREATE TABLE jobs (
        id            INTEGER PRIMARY KEY,
        kind          TEXT    NOT NULL CHECK (kind IN ('copy', 'compute')),
        name          TEXT    NOT NULL,
        spec          TEXT    NOT NULL,
        status        TEXT    NOT NULL
                      CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled', 'interrupted')),
        message       TEXT,
        error_name    TEXT,
        planned       INTEGER NOT NULL DEFAULT 0,
        plan          TEXT,
        items_total   INTEGER NOT NULL DEFAULT 0,
        items_done    INTEGER NOT NULL DEFAULT 0,
        items_failed  INTEGER NOT NULL DEFAULT 0,
        items_skipped INTEGER NOT NULL DEFAULT 0,
        bytes_total   INTEGER NOT NULL DEFAULT 0,
        bytes_done    INTEGER NOT NULL DEFAULT 0,
        bytes_shown   INTEGER NOT NULL DEFAULT 0,
        created_at    INTEGER NOT NULL,
        started_at    INTEGER,
        finished_at   INTEGER,
        updated_at    INTEGER NOT NULL,
        owner_pid     INTEGER,
        owner_start   TEXT,
        worker_pids   TEXT,
        sent_upto     INTEGER NOT NULL DEFAULT -1,
        control       TEXT    CHECK (control IN ('cancel', 'pause'))
      ) STRICT;

      CREATE INDEX jobs_updated ON jobs (updated_at);
      CREATE INDEX jobs_live ON jobs (status) WHERE status IN ('queued', 'running');

      CREATE TABLE job_items (
        job_id    INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
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
        PRIMARY KEY (job_id, seq)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE job_done_ranges (
        job_id INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        first  INTEGER NOT NULL,
        last   INTEGER NOT NULL,
        PRIMARY KEY (job_id, first)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
