import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Manager, openStore, StoreOpenError, migrations, type Migration, type Store } from '../../../src/main/state/index.js';

let dir: string;
let store: Store | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});
const tmp = () => (dir = mkdtempSync(join(tmpdir(), 'procpool-store-')));

describe('openStore', () => {
  it('opens in memory by default, migrated to the latest schema', () => {
    store = openStore();
    expect(store.path).toBe(':memory:');
    expect(store.schemaVersion).toBe(migrations.length);
    expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.length);
  });

  it('creates the folder, uses WAL, synchronous=NORMAL, foreign keys and a busy timeout', () => {
    const file = join(tmp(), 'nested', 'deeper', 'state.db');
    store = openStore(file);
    expect(store.path).toBe(file);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('reopens a file without re-running migrations', () => {
    const file = join(tmp(), 'state.db');
    openStore(file).close();
    store = openStore(file);
    expect(store.schemaVersion).toBe(migrations.length);
  });

  it('explains a file that is not a database: what, which path, what to do', () => {
    const file = join(tmp(), 'notes.db');
    writeFileSync(file, 'these are my notes, not a database '.repeat(200));
    const error = catchError(() => openStore(file));
    expect(error).toBeInstanceOf(StoreOpenError);
    expect(error.name).toBe('StoreOpenError');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/not a SQLite database/);
    expect(error.message).toMatch(/--db PATH|PROCPOOL_DB/);
    expect((error as StoreOpenError).code).toBe('SQLITE_NOTADB');
  });

  it('explains a folder given as the path', () => {
    const folder = join(tmp(), 'a-folder');
    mkdirSync(folder);
    const error = catchError(() => openStore(folder));
    expect(error).toBeInstanceOf(StoreOpenError);
    expect(error.message).toContain(`${folder}: it is a folder`);
  });

  it('explains a folder that cannot be created (a file is in the way)', () => {
    const blocker = join(tmp(), 'blocker');
    writeFileSync(blocker, 'x');
    const file = join(blocker, 'sub', 'state.db');
    const error = catchError(() => openStore(file));
    expect(error).toBeInstanceOf(StoreOpenError);
    expect(error.message).toContain(`cannot create the folder ${join(blocker, 'sub')}`);
    expect(error.message).toContain(file);
  });

  it.skipIf(!existsSync('/proc/self'))('explains a folder the file system refuses (/proc), where a recursive mkdir would spin for ever', () => {
    const error = catchError(() => openStore('/proc/procpool-test/sub/state.db'));
    expect(error).toBeInstanceOf(StoreOpenError);
    expect(error.message).toContain('cannot create the folder /proc/procpool-test/sub for the state database');
  });

  it('refuses a file written by a newer schema', () => {
    const file = join(tmp(), 'state.db');
    const newer = openStore(file);
    newer.db.pragma(`user_version = ${migrations.length + 5}`);
    newer.close();
    const error = catchError(() => openStore(file));
    expect(error).toBeInstanceOf(StoreOpenError);
    expect(error.message).toMatch(/newer procpool/);
  });
});

describe('Store writes', () => {
  it('groups the writes of one turn into one transaction, acknowledged after the commit', async () => {
    store = openStore();
    store.db.exec('CREATE TABLE t (x INTEGER)');
    const insert = store.db.prepare('INSERT INTO t VALUES (?)');
    const a = store.write(() => insert.run(1));
    const b = store.write(() => insert.run(2));
    expect(store.db.inTransaction).toBe(true);
    await Promise.all([a, b]);
    expect(store.db.inTransaction).toBe(false);
    expect(store.db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2 });
  });

  it('rolls back only the write that throws, synchronously', async () => {
    store = openStore();
    store.db.exec('CREATE TABLE t (x INTEGER NOT NULL)');
    const insert = store.db.prepare('INSERT INTO t VALUES (?)');
    const ok = store.write(() => insert.run(1));
    expect(() => store!.write(() => {
      insert.run(2);
      insert.run(null);
    })).toThrow(/NOT NULL/);
    await ok;
    expect(store.db.prepare('SELECT x FROM t').all()).toEqual([{ x: 1 }]);
  });

  it('recovers when the first write of a turn throws', async () => {
    store = openStore();
    store.db.exec('CREATE TABLE t (x INTEGER NOT NULL)');
    const insert = store.db.prepare('INSERT INTO t VALUES (?)');
    expect(() => store!.write(() => insert.run(null))).toThrow(/NOT NULL/);
    expect(store.db.inTransaction).toBe(false);
    await store.write(() => insert.run(3));
    expect(store.db.prepare('SELECT x FROM t').all()).toEqual([{ x: 3 }]);
  });

  it('commits an open group before a synchronous transaction, which is durable on return', async () => {
    store = openStore();
    store.db.exec('CREATE TABLE t (x INTEGER)');
    const insert = store.db.prepare('INSERT INTO t VALUES (?)');
    const pending = store.write(() => insert.run(1));
    store.transaction(() => insert.run(2));
    expect(store.db.inTransaction).toBe(false);
    await pending;
    expect(store.db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2 });
  });

  it('commits pending writes on close', async () => {
    const file = join(tmp(), 'state.db');
    const first = openStore(file);
    first.db.exec('CREATE TABLE t (x INTEGER)');
    const pending = first.write(() => first.db.prepare('INSERT INTO t VALUES (1)').run());
    first.close();
    await pending;
    store = openStore(file);
    expect(store.db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
  });
});

describe('a later module on the same store (the jobs layer)', () => {
  it('adds its migration after the manager\'s and shares the store with a Manager', async () => {
    const file = join(tmp(), 'state.db');
    const jobs: Migration = {
      version: migrations.length + 1,
      name: 'jobs',
      up: (db) => db.exec('CREATE TABLE later_things (id INTEGER PRIMARY KEY, kind TEXT NOT NULL) STRICT'),
    };
    store = openStore(file, { migrations: [...migrations, jobs] });
    expect(store.schemaVersion).toBe(migrations.length + 1);
    const manager = await Manager.start({ store });
    await manager.dict('settings').set('theme', 'dark');
    store.transaction(() => store!.db.prepare("INSERT INTO later_things (kind) VALUES ('copy')").run());
    await manager.shutdown();
    expect(store.isOpen).toBe(true); // the manager leaves closing to the store's owner
    expect(store.db.prepare('SELECT kind FROM later_things').pluck().all()).toEqual(['copy']);
    store.close();
    const reopened = await Manager.start({ path: file }).catch((error: Error) => error);
    // The manager alone knows fewer migrations than the file has: it refuses, saying why.
    expect(reopened).toBeInstanceOf(StoreOpenError);
    store = openStore(file, { migrations: [...migrations, jobs] });
    const again = await Manager.start({ store });
    expect(await again.dict('settings').get('theme')).toBe('dark');
    await again.shutdown();
  });
});

function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
