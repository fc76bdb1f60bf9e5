/**
 * Numbered schema migrations. The database's `PRAGMA user_version` is the number of the last
 * migration applied; each migration runs in its own transaction together with the bump of
 * that number, so a crash leaves the file either before or after a migration, never between.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3, … with no gaps: the position in `migrations/index.ts`. */
  readonly version: number;
  /** A short name for messages, e.g. 'manager_objects'. */
  readonly name: string;
  up(db: Database.Database): void;
}

export class NewerSchemaError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`its schema version is ${found}, newer than this procpool knows (${known})`);
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies the migrations the file has not seen yet; returns the resulting version. */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number {
  checkNumbering(migrations);
  const known = migrations.length;
  const current = schemaVersion(db);
  if (current > known) throw new NewerSchemaError(current, known);
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      migration.up(db);
      // PRAGMA user_version takes no bound parameters; the version is a checked integer.
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return known;
}

function checkNumbering(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1 || !Number.isInteger(migration.version)) {
      throw new Error(
        `migration '${migration.name}' has version ${migration.version} at position ${index + 1}: ` +
          'migrations are numbered 1, 2, 3, … in the order of migrations/index.ts',
      );
    }
  });
}
