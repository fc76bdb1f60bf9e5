import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src/main/state/index.js';
import { managerObjects } from '../../../../src/main/state/migrations/001_manager_objects.js';

function migrated(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, [managerObjects]);
  return db;
}

describe('migration 001_manager_objects', () => {
  it('creates the objects, entries and items tables', () => {
    const db = migrated();
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['manager_entries', 'manager_items', 'manager_objects']);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
  });

  it('keeps names unique and kinds to the persisted ones', () => {
    const db = migrated();
    const insert = db.prepare('INSERT INTO manager_objects (name, kind, created_at) VALUES (?, ?, 0)');
    insert.run('d', 'dict');
    expect(() => insert.run('d', 'list')).toThrow(/UNIQUE/);
    expect(() => insert.run('l', 'lock')).toThrow(/CHECK/);
  });

  it('deletes an object with its entries and items', () => {
    const db = migrated();
    const id = db.prepare("INSERT INTO manager_objects (name, kind, created_at) VALUES ('d', 'dict', 0)").run().lastInsertRowid;
    db.prepare("INSERT INTO manager_entries (object_id, key, value) VALUES (?, 'sk', x'00')").run(id);
    db.prepare("INSERT INTO manager_items (object_id, pos, value) VALUES (?, 0, x'00')").run(id);
    db.prepare('DELETE FROM manager_objects WHERE id = ?').run(id);
    expect(db.prepare('SELECT count(*) FROM manager_entries').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM manager_items').pluck().get()).toBe(0);
  });

  it('refuses entries of an object that does not exist', () => {
    const db = migrated();
    expect(() => db.prepare("INSERT INTO manager_entries (object_id, key, value) VALUES (42, 'sk', x'00')").run()).toThrow(/FOREIGN KEY/);
  });
});
