import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../../../src/main/state/index.js';

describe('migration 003_settings', () => {
  it('creates a key/value settings table, after the jobs tables', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 3));
    expect(migrations[2]!.name).toBe('settings');
    db.prepare("INSERT INTO settings (key, value) VALUES ('poolSize', '4')").run();
    expect(() => db.prepare("INSERT INTO settings (key, value) VALUES ('poolSize', '5')").run()).toThrow(/UNIQUE|PRIMARY/);
    expect(db.prepare('SELECT value FROM settings').pluck().all()).toEqual(['4']);
  });
});
