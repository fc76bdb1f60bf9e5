/**
 * The app's settings, persisted in SQLite (migration 003_settings), one row per key. A
 * setting never saved reads as its default; a stored value that no longer passes the
 * schema (an older version's) is ignored rather than trusted.
 */
import { availableParallelism } from 'node:os';
import type Database from 'better-sqlite3';
import { settingsPatchSchema, type Settings, type SettingsPatch } from '../../shared/api.js';

export function defaultSettings(databasePath: string): Settings {
  return {
    poolSize: availableParallelism(),
    maxTasksPerWorker: null,
    retries: 2,
    taskTimeoutMs: null,
    workerNice: 0,
    defaultConflict: 'fail',
    databasePath,
  };
}

/** `settings` with what `patch` sets; a key the patch holds as undefined (it sets nothing) keeps its value. */
export function withPatch(settings: Settings, patch: SettingsPatch): Settings {
  const defined = Object.entries(patch).filter(([, value]) => value !== undefined);
  return { ...settings, ...(Object.fromEntries(defined) as Partial<Settings>) };
}

export class SettingsRepo {
  private readonly all: Database.Statement;
  private readonly put: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.all = db.prepare('SELECT key, value FROM settings');
    this.put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  load(databasePath: string): Settings {
    const stored: Record<string, unknown> = {};
    for (const { key, value } of this.all.all() as Array<{ key: string; value: string }>) {
      try {
        stored[key] = JSON.parse(value);
      } catch {
        // A damaged value reads as the default.
      }
    }
    let settings = defaultSettings(databasePath);
    for (const [key, value] of Object.entries(stored)) {
      const checked = settingsPatchSchema.safeParse({ [key]: value });
      if (checked.success) settings = withPatch(settings, checked.data);
    }
    return settings;
  }

  save(patch: SettingsPatch): void {
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) this.put.run(key, JSON.stringify(value));
    })();
  }
}
