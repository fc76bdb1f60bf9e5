/** SQL for the `manager_objects` table: which named objects exist, of what kind. */
import type Database from 'better-sqlite3';

export type PersistedKind = 'dict' | 'list' | 'namespace' | 'queue' | 'joinableQueue' | 'value';

export interface ObjectRow {
  id: number;
  name: string;
  kind: PersistedKind;
  options: string;
  ephemeral: number;
}

export class ObjectsRepo {
  private readonly byName: Database.Statement<[string], ObjectRow>;
  private readonly insertRow: Database.Statement<[string, string, string, number, number]>;
  private readonly updateOptions: Database.Statement<[string, number]>;
  private readonly allRows: Database.Statement<[], ObjectRow>;
  private readonly dropEphemeral: Database.Statement<[]>;
  private readonly dropById: Database.Statement<[number]>;

  constructor(db: Database.Database) {
    this.byName = db.prepare('SELECT id, name, kind, options, ephemeral FROM manager_objects WHERE name = ?');
    this.insertRow = db.prepare(
      'INSERT INTO manager_objects (name, kind, options, ephemeral, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.updateOptions = db.prepare('UPDATE manager_objects SET options = ? WHERE id = ?');
    this.allRows = db.prepare('SELECT id, name, kind, options, ephemeral FROM manager_objects ORDER BY name');
    this.dropEphemeral = db.prepare('DELETE FROM manager_objects WHERE ephemeral = 1');
    this.dropById = db.prepare('DELETE FROM manager_objects WHERE id = ?');
  }

  find(name: string): ObjectRow | undefined {
    return this.byName.get(name);
  }

  create(name: string, kind: PersistedKind, options: Record<string, unknown>, ephemeral: boolean): ObjectRow {
    const text = JSON.stringify(options);
    const { lastInsertRowid } = this.insertRow.run(name, kind, text, ephemeral ? 1 : 0, Date.now());
    return { id: Number(lastInsertRowid), name, kind, options: text, ephemeral: ephemeral ? 1 : 0 };
  }

  setOptions(id: number, options: Record<string, unknown>): void {
    this.updateOptions.run(JSON.stringify(options), id);
  }

  all(): ObjectRow[] {
    return this.allRows.all();
  }

  /** Unnamed objects live for one manager run: left-overs of a crash go at the next start. */
  removeEphemeral(): void {
    this.dropEphemeral.run();
  }

  remove(id: number): void {
    this.dropById.run(id);
  }
}
