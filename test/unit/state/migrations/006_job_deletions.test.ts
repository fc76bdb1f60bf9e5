import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../../../src/main/state/index.js';

/** A database as procpool left it before migration 6 (foreign keys on, as openStore opens it), with jobs and ledgers. */
function before(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, 5));
  const job = db.prepare(
    `INSERT INTO jobs (kind, name, spec, status, created_at, updated_at, started_at, finished_at, ran_ms, plan, items_total, control)
     VALUES (?, ?, '{}', ?, 10, 20, 11, ?, 9, ?, 2, ?)`,
  );
  job.run('copy', 'a', 'done', 19, '{"destination":"/d"}', null);
  job.run('compute', 'b', 'running', null, null, 'pause');
  job.run('copy', 'c', 'interrupted', null, null, null);
  job.run('copy', 'newest', 'done', 30, null, null);
  const item = db.prepare("INSERT INTO job_items (job_id, seq, path, raw_paths, result) VALUES (?, ?, ?, ?, '42')");
  item.run(1, 0, 'a/x', null);
  item.run(1, 1, 'a/f\\xff', '{"path":"a/f\\udcff"}');
  item.run(3, 0, 'c/y', null);
  item.run(4, 0, 'newest/z', null);
  db.prepare('INSERT INTO job_done_ranges (job_id, first, last) VALUES (?, 0, ?)').run(1, 1);
  db.prepare('INSERT INTO job_done_ranges (job_id, first, last) VALUES (?, 0, ?)').run(3, 0);
  // Job 5 was the newest once and was deleted before this migration: nothing remembers it.
  db.prepare("INSERT INTO jobs (kind, name, spec, status, created_at, updated_at) VALUES ('copy', 'gone', '{}', 'done', 0, 0)").run();
  db.prepare('DELETE FROM jobs WHERE id = 5').run();
  return db;
}

const everything = (db: Database.Database) => ({
  jobs: db.prepare('SELECT * FROM jobs ORDER BY id').all(),
  items: db.prepare('SELECT * FROM job_items ORDER BY job_id, seq').all(),
  ranges: db.prepare('SELECT * FROM job_done_ranges ORDER BY job_id, first').all(),
});

const insertJob = (db: Database.Database, name: string) =>
  Number(db.prepare("INSERT INTO jobs (kind, name, spec, status, created_at, updated_at) VALUES ('copy', ?, '{}', 'queued', 0, 0)").run(name).lastInsertRowid);

describe('migration 006_job_deletions', () => {
  it('keeps every job, ledger item, done range and index', () => {
    const db = before();
    const kept = everything(db);
    const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'jobs' ORDER BY name").all();
    migrate(db, migrations.slice(0, 6));
    expect(migrations[5]!.name).toBe('job_deletions');
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    expect(everything(db)).toEqual(kept);
    expect(kept.items).toHaveLength(4);
    expect(db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'jobs' ORDER BY name").all()).toEqual(indexes);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('never gives a job the id of a deleted one, the newest included', () => {
    const db = before();
    migrate(db, migrations.slice(0, 6));
    expect(insertJob(db, 'e')).toBe(5);
    db.prepare('DELETE FROM jobs WHERE id = 5').run();
    expect(insertJob(db, 'f')).toBe(6);
    db.prepare('DELETE FROM jobs WHERE id IN (4, 6)').run();
    expect(insertJob(db, 'g')).toBe(7);
  });

  it("still deletes a job's ledger with it, and still refuses items of no job", () => {
    const db = before();
    migrate(db, migrations.slice(0, 6));
    db.prepare('DELETE FROM jobs WHERE id = 1').run();
    expect(db.prepare('SELECT DISTINCT job_id FROM job_items ORDER BY job_id').pluck().all()).toEqual([3, 4]);
    expect(db.prepare('SELECT job_id FROM job_done_ranges').pluck().all()).toEqual([3]);
    expect(() => db.prepare("INSERT INTO job_items (job_id, seq, path) VALUES (1, 0, 'x')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare('INSERT INTO job_done_ranges (job_id, first, last) VALUES (1, 0, 0)').run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO jobs (kind, name, spec, status, created_at, updated_at) VALUES ('copy', 'j', '{}', 'paused', 0, 0)").run()).toThrow(/CHECK/);
  });

  it('leaves out ledger rows of no job (written with foreign keys off), which a new job would otherwise inherit', () => {
    const db = before();
    db.pragma('foreign_keys = OFF');
    db.prepare("INSERT INTO job_items (job_id, seq, path) VALUES (5, 0, 'orphan')").run();
    db.prepare('INSERT INTO job_done_ranges (job_id, first, last) VALUES (5, 0, 0)').run();
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 6));
    expect(db.prepare('SELECT count(*) FROM job_items WHERE job_id = 5').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM job_done_ranges WHERE job_id = 5').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM job_items').pluck().get()).toBe(4);
  });

  it('adds a table where each deletion is recorded in order, for the processes that watch the jobs', () => {
    const db = before();
    migrate(db, migrations.slice(0, 6));
    const record = db.prepare('INSERT INTO job_deletions (job_id, deleted_at) VALUES (?, ?)');
    record.run(2, 100);
    record.run(1, 100);
    db.prepare('DELETE FROM job_deletions').run();
    record.run(3, 200);
    // Numbered in the order they happened, a number never used twice (a watcher remembers the last it read).
    expect(db.prepare('SELECT seq, job_id AS jobId FROM job_deletions').all()).toEqual([{ seq: 3, jobId: 3 }]);
  });
});
