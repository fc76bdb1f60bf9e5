import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src/main/state/index.js';
import { managerObjects } from '../../../../src/main/state/migrations/001_manager_objects.js';
import { jobsTables } from '../../../../src/main/state/migrations/002_jobs.js';

function migrated(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, [managerObjects, jobsTables]);
  return db;
}

const insertJob = "INSERT INTO jobs (kind, name, spec, status, created_at, updated_at) VALUES ('copy', 'j', '{}', ?, 0, 0)";

describe('migration 002_jobs', () => {
  it('creates the jobs table, its per-item ledger and its done ranges', () => {
    const db = migrated();
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'job%' ORDER BY name").pluck().all();
    expect(tables).toEqual(['job_done_ranges', 'job_items', 'jobs']);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
  });

  it('keeps statuses and kinds to the known ones', () => {
    const db = migrated();
    expect(() => db.prepare(insertJob).run('running')).not.toThrow();
    expect(() => db.prepare(insertJob).run('paused')).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO jobs (kind, name, spec, status, created_at, updated_at) VALUES ('move', 'j', '{}', 'queued', 0, 0)").run()).toThrow(/CHECK/);
  });

  it("deletes a job's ledger with it, and refuses items of no job", () => {
    const db = migrated();
    const id = db.prepare(insertJob).run('done').lastInsertRowid;
    db.prepare("INSERT INTO job_items (job_id, seq, type, path) VALUES (?, 0, 'file', 'a')").run(id);
    expect(() => db.prepare("INSERT INTO job_items (job_id, seq, type, path) VALUES (?, 0, 'file', 'b')").run(id)).toThrow(/UNIQUE|PRIMARY/);
    db.prepare('DELETE FROM jobs WHERE id = ?').run(id);
    expect(db.prepare('SELECT count(*) FROM job_items').pluck().get()).toBe(0);
    expect(() => db.prepare("INSERT INTO job_items (job_id, seq, type, path) VALUES (42, 0, 'file', 'a')").run()).toThrow(/FOREIGN KEY/);
  });
});
