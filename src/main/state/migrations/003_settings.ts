/**
 * Migration 3: the app's settings (pool size, retries, timeouts, …), one row per key with
 * its value as JSON, so a setting added later needs no migration of its own.
 */
import type { Migration } from '../migration.js';

export const settingsTable: Migration = {
  version: 3,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
