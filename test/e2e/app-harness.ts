/**
 * One browser-mode app for an end-to-end file: a CoreService (the test service until the
 * real one lands), the server on a free port serving dist/renderer, and Chromium. Built
 * renderer missing (vitest run on its own)? It is built first.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/main/server/index.js';
import type { CoreService } from '../../src/shared/api.js';
import { launchChromium } from './browser.js';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const staticDir = `${root}dist/renderer`;
/**
 * Where the run's screenshots go: test-results/ (ignored by git) unless PROCPOOL_SCREENSHOTS
 * says otherwise; `npm run screenshots` points it at docs/screenshots to refresh the README's.
 */
export const screenshots = process.env.PROCPOOL_SCREENSHOTS ?? `${root}test-results/screenshots`;

export interface Harness {
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export function ensureRendererBuilt(): void {
  if (existsSync(`${staticDir}/index.html`)) return;
  execFileSync('npx', ['vite', 'build', '-c', 'vite.renderer.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}

export async function openApp(service: CoreService, viewport = { width: 1280, height: 800 }): Promise<Harness> {
  ensureRendererBuilt();
  mkdirSync(screenshots, { recursive: true });
  const server = await startServer({ service, staticDir });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  // The URL the server prints: the page takes the token from its fragment and keeps it per tab.
  await page.goto(server.url);
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  return {
    server,
    browser,
    context,
    page,
    async close() {
      await browser.close();
      await server.close();
      // A CSP violation or an uncaught error in the page fails the run here.
      if (problems.length > 0) throw new Error(`the page reported errors:\n${problems.join('\n')}`);
    },
  };
}

/** Polls until `check` returns a value (not undefined/false), or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, ms = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
