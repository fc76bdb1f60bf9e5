import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Manager, StoreOpenError } from '../../../src/main/index.js';
import { openStore } from '../../../src/main/state/index.js';

let dir: string;
let file: string;
const managers: Manager[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'procpool-owner-'));
  file = join(dir, 'state.db');
});
afterEach(async () => {
  for (const manager of managers.splice(0)) await manager.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

async function start(options: Parameters<typeof Manager.start>[0]): Promise<Manager> {
  const manager = await Manager.start(options);
  managers.push(manager);
  return manager;
}

describe('one Manager per file in a process', () => {
  it('refuses a second Manager on the file, leaving the first and its unnamed objects alone', async () => {
    const first = await start({ path: file });
    const unnamed = first.list([1, 2, 3]);
    const error = await Manager.start({ path: file }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as StoreOpenError).message).toContain(`${file} is in use by another Manager of this process (${process.pid})`);
    expect((error as StoreOpenError).path).toBe(file);
    expect(await unnamed.toArray()).toEqual([1, 2, 3]);
    await first.shutdown();
    const next = await start({ path: file });
    expect(await next.list('again', [4]).toArray()).toEqual([4]);
  });

  it('holds the file also when given an open store, and leaves the store readable and writable by others', async () => {
    const store = openStore(file);
    try {
      const manager = await start({ store });
      await expect(Manager.start({ path: file })).rejects.toThrow(StoreOpenError);
      const reader = openStore(file);
      reader.transaction(() => reader.db.prepare("INSERT INTO settings (key, value) VALUES ('k', '1')").run());
      reader.close();
      await manager.dict('d').set('a', 1);
      await manager.shutdown();
      await start({ path: file });
    } finally {
      store.close();
    }
  });

  it('lets in-memory Managers be as many as wanted', async () => {
    const [a, b] = [await start({}), await start({})];
    await a.dict('x').set('k', 1);
    expect(await b.dict('x').get('k')).toBeUndefined();
  });
});
