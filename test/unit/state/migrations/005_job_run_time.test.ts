import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../../../src/main/state/index.js';

describe('migration 005_job_run_time', () => {
  it('adds the time a job ran and the start of its run under way; a finished job keeps its first start to its end', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 4));
    const insert = db.prepare('INSERT INTO jobs (kind, name, spec, status, created_at, updated_at, started_at, finished_at) VALUES (?, ?, ?, ?, 0, 0, ?, ?)');
    insert.run('copy', 'done', '{}', 'done', 1000, 4500);
    insert.run('copy', 'paused', '{}', 'interrupted', 1000, null);
    insert.run('copy', 'queued', '{}', 'queued', null, null);
    migrate(db, migrations.slice(0, 5));
    expect(migrations[4]!.name).toBe('job_run_time');
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(db.prepare('SELECT name, ran_ms AS ranMs, run_started_at AS runStartedAt FROM jobs ORDER BY id').all()).toEqual([
      { name: 'done', ranMs: 3500, runStartedAt: null },
      { name: 'paused', ranMs: 0, runStartedAt: null },
      { name: 'queued', ranMs: 0, runStartedAt: null },
    ]);
  });
});
