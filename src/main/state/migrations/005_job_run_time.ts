/**
 * Migration 5: how long a job ran. `started_at` is when it first ran and `finished_at` when
 * it last ended, so their difference counted the time it sat paused, interrupted or waiting
 * to be retried (a 1 s job retried 3.5 minutes later "took 3 min 38 s"). `ran_ms` adds up
 * the runs that ended; `run_started_at` is when the run under way began (NULL between runs).
 * A job finished before this migration keeps what was known: its first start to its end.
 */
import type { Migration } from '../migration.js';

export const jobRunTime: Migration = {
  version: 5,
  name: 'job_run_time',
  up(db) {
    db.exec(`
      ALTER TABLE jobs ADD COLUMN ran_ms INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE jobs ADD COLUMN run_started_at INTEGER;
      UPDATE jobs SET ran_ms = max(0, finished_at - started_at) WHERE finished_at IS NOT NULL AND started_at IS NOT NULL;
    `);
  },
};
