/**
 * The app shows the Manager's objects but does not own them: a program's Manager runs on
 * the app's database while the app is open, its objects show in the Shared state view, and
 * the app coming and going leaves them (unnamed ones included) alone.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCoreService } from '../../../src/main/api/create-core-service.js';
import { Manager } from '../../../src/main/index.js';
import { closedAfterEach } from './fixture.js';

const opened = closedAfterEach();

describe("the app's Shared state view beside a program's Manager", () => {
  it("shows a running program's objects and leaves them alone when the app opens and closes", async () => {
    const dbPath = join((opened.dir = mkdtempSync(join(tmpdir(), 'procpool-app-state-'))), 'state.db');
    const manager = (opened.manager = await Manager.start({ path: dbPath }));
    const unnamed = manager.list(['in flight']);
    await manager.dict('config').set('theme', 'dark');
    const app = await createCoreService({ dbPath, processes: 1 });
    try {
      expect(await app.sharedState()).toEqual([
        { name: 'config', kind: 'dict', size: 1, preview: "{ theme: 'dark' }" },
        { name: unnamed.name, kind: 'list', size: 1, preview: "['in flight']" },
      ]);
    } finally {
      await app.close();
    }
    expect(await unnamed.toArray()).toEqual(['in flight']);
    expect(await manager.dict('config').get('theme')).toBe('dark');
  });
});
