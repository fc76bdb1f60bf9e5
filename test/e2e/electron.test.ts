/**
 * The desktop app itself, through Playwright's Electron driver: the window opens on the app,
 * the page has the bridge's named functions and nothing of Node. Electron's binary comes from
 * outside the npm registry, so where it could not be had this test skips itself and says why.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { electronBinary } from '../../scripts/electron-binary.js';
import { root } from './app-harness.js';

const binary = electronBinary();
if (!binary.path) console.warn(`Electron test skipped: ${binary.reason}.`);

describe.skipIf(!binary.path)(`the Electron app${binary.path ? '' : ` (skipped: ${binary.reason})`}`, () => {
  it('opens one window on the app, with the bridge and without Node', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'procpool-electron-'));
    const app = await _electron.launch({ executablePath: binary.path!, args: [join(root, 'dist/main/app/main.js')], env: { ...process.env, PROCPOOL_DB: join(dir, 'state.db') } as Record<string, string> });
    try {
      const page = await app.firstWindow();
      await page.getByRole('link', { name: 'Workers' }).waitFor();
      const seen = await page.evaluate(() => ({
        bridge: Object.keys((window as unknown as { procpool: object }).procpool).sort(),
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
      }));
      expect(seen.require).toBe('undefined');
      expect(seen.process).toBe('undefined');
      expect(seen.bridge).toContain('killWorker');
      expect(seen.bridge).toContain('on');
      await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
