/**
 * Migration 1: the Manager's named objects. One row per object in `manager_objects`; keyed
 * contents (dict entries, namespace attributes, a value's one entry) in `manager_entries`;
 * ordered contents (list and queue items) in `manager_items`. Values are node:v8 serialised
 * so Map, Set, Date, BigInt and typed arrays come back as themselves.
 */
import type { Migration } from '../migration.js';

export const managerObjects: Migration = {
  version: 1,
  name: 'manager_objects',
  up(db) {
    db.exec(`
      CREATE TABLE manager_objects (
        id         INTEGER PRIMARY KEY,
        name       TEXT    NOT NULL UNIQUE,
        kind       TEXT    NOT NULL
                   CHECK (kind IN ('dict', 'list', 'namespace', 'queue', 'joinableQueue', 'value')),
        options    TEXT    NOT NULL DEFAULT '{}',
        ephemeral  INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE manager_entries (
        id        INTEGER PRIMARY KEY,
        object_id INTEGER NOT NULL REFERENCES manager_objects (id) ON DELETE CASCADE,
        key       TEXT    NOT NULL,
        value     BLOB    NOT NULL,
        UNIQUE (object_id, key)
      ) STRICT;

      CREATE TABLE manager_items (
        object_id INTEGER NOT NULL REFERENCES manager_objects (id) ON DELETE CASCADE,
        pos       INTEGER NOT NULL,
        value     BLOB    NOT NULL,
        PRIMARY KEY (object_id, pos)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
