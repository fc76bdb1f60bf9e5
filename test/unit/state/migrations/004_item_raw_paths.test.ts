import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../../../src/main/state/index.js';

describe('migration 004_item_raw_paths', () => {
  it('adds a column for the exact paths of a ledger item, NULL for the items already there', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 3));
    db.prepare("INSERT INTO jobs (kind, name, spec, status, created_at, updated_at) VALUES ('copy', 'j', '{}', 'done', 0, 0)").run();
    db.prepare("INSERT INTO job_items (job_id, seq, path) VALUES (1, 0, 'before.txt')").run();
    migrate(db, migrations.slice(0, 4));
    expect(migrations[3]!.name).toBe('item_raw_paths');
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(db.prepare('SELECT path, raw_paths FROM job_items').all()).toEqual([{ path: 'before.txt', raw_paths: null }]);
    db.prepare(`INSERT INTO job_items (job_id, seq, path, raw_paths) VALUES (1, 1, 'f\\xff', '{"path":"f\\\\udcff"}')`).run();
    expect(db.prepare('SELECT raw_paths FROM job_items WHERE seq = 1').pluck().get()).toBe('{"path":"f\\\\udcff"}');
  });
});
