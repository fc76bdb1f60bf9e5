/**
 * Who may use the app in browser mode, and what it says about its connection: the token is
 * never in the address bar, a page without it sees no data, a foreign Host is refused, and a
 * page whose server came back with a new token says so, then connects once given it.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreService } from '../../src/shared/api.js';
import { startServer } from '../../src/main/server/index.js';
import { haveChromium } from './browser.js';
import { screenshots, staticDir, type Harness } from './app-harness.js';
import { openAppUnderTest, type AppUnderTest } from './service-under-test.js';

let underTest: AppUnderTest | undefined;
let app: Harness;
let service: CoreService;

beforeAll(async () => {
  underTest = await openAppUnderTest('procpool-e2e-access-');
  ({ app, service } = underTest);
}, 60_000);
afterAll(() => underTest?.close());

describe.skipIf(!haveChromium)('access to the app and its connection', () => {
  it('keeps the token out of the address bar; without it the page says access is refused and shows no data; a foreign Host gets 403', async () => {
    expect(app.page.url()).not.toContain(app.server.token);
    const fresh = await app.browser.newContext();
    const page = await fresh.newPage();
    const response = await page.goto(`http://127.0.0.1:${app.server.port}/`);
    expect(response?.status()).toBe(200); // the app's files, which hold no data
    await page.getByRole('status').filter({ hasText: 'Access refused' }).waitFor();
    expect(await page.getByRole('progressbar').count()).toBe(0);
    await fresh.close();
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port: app.server.port, path: '/', headers: { host: `attacker.example:${app.server.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(403);
  });

  it('shows whether it is connected in a narrow window (200% zoom) too', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 640, height: 400 });
    try {
      expect(await page.getByRole('status').filter({ hasText: 'Connected' }).isVisible()).toBe(true);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('says access is refused when its server was restarted with a new token, and connects again once that address is opened in the tab', async () => {
    // A page and servers of its own: the refused requests are console errors the harness would report.
    const first = await startServer({ service, staticDir });
    const context = await app.browser.newContext();
    let second: Awaited<ReturnType<typeof startServer>> | undefined;
    try {
      const page = await context.newPage();
      await page.goto(first.url);
      const status = page.getByRole('status').filter({ hasText: /Connected|Disconnected|Access refused/ });
      await status.filter({ hasText: 'Connected' }).waitFor();
      await first.close();
      second = await startServer({ service, staticDir, port: first.port });
      await status.filter({ hasText: 'Access refused' }).waitFor({ timeout: 10_000 });
      await page.screenshot({ path: `${screenshots}/connection-refused.png` });
      // The new address opened in this tab brings its token: the page connects again by itself.
      await page.goto(second.url);
      await status.filter({ hasText: 'Connected' }).waitFor({ timeout: 10_000 });
      expect(page.url()).not.toContain(second.token);
    } finally {
      await context.close();
      await second?.close();
    }
  });
});
