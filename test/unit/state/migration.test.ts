import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion, type Migration } from '../../../src/main/state/index.js';

const table = (version: number, name: string): Migration => ({
  version,
  name,
  up: (db) => db.exec(`CREATE TABLE ${name} (x INTEGER)`),
});

describe('migrate', () => {
  it('applies only the migrations a file has not seen, and records the version', () => {
    const db = new Database(':memory:');
    expect(migrate(db, [table(1, 'a')])).toBe(1);
    expect(schemaVersion(db)).toBe(1);
    // A later module appends its own migration: only that one runs.
    expect(migrate(db, [table(1, 'a'), table(2, 'b')])).toBe(2);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['a', 'b']);
  });

  it('rolls a failing migration back entirely, version included', () => {
    const db = new Database(':memory:');
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up: (d) => {
        d.exec('CREATE TABLE half (x INTEGER)');
        d.exec('THIS IS NOT SQL');
      },
    };
    expect(() => migrate(db, [table(1, 'a'), broken])).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
  });

  it('refuses a list with gaps or out of order', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [table(1, 'a'), table(3, 'c')])).toThrow(/version 3 at position 2/);
  });

  it('refuses a file newer than the list', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 7');
    expect(() => migrate(db, [table(1, 'a')])).toThrow(/schema version is 7, newer than this procpool knows \(1\)/);
  });
});
