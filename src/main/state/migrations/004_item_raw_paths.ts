/**
 * Migration 4: copy paths that are not UTF-8. A file name on Linux is any bytes but '/' and
 * NUL; SQLite text is UTF-8, and would turn such a byte into U+FFFD. An item whose path,
 * destination or link holds one keeps them readable in their own columns ('\xff' for the
 * byte) and exactly in `raw_paths`: a JSON object of those that differ, as the escaped
 * strings a copy carries (src/shared/path-bytes.ts), which JSON writes as plain ASCII
 * ('\udcff'). NULL for every other item, so the ledger costs no more than before.
 */
import type { Migration } from '../migration.js';

export const itemRawPaths: Migration = {
  version: 4,
  name: 'item_raw_paths',
  up(db) {
    db.exec('ALTER TABLE job_items ADD COLUMN raw_paths TEXT');
  },
};
