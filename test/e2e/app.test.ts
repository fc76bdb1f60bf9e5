/**
 * The app as a person uses it, in Chromium against browser mode: a copy job from the form,
 * a bad path, reload, kill and terminate a worker, resize the pool, settings (access and the
 * connection: app-access.test.ts); screenshots of each view
 * go to test-results/screenshots (`npm run screenshots`: to docs/screenshots for the README).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pidAlive, tasks } from '../helpers.js';
import { Manager } from '../../src/main/index.js';
import type { CoreService } from '../../src/shared/api.js';
import { haveChromium } from './browser.js';
import { eventually, screenshots, type Harness } from './app-harness.js';
import { openAppUnderTest, type AppUnderTest } from './service-under-test.js';

let underTest: AppUnderTest | undefined;
let app: Harness;
let service: CoreService;
let real = false;
let scratch: string;

beforeAll(async () => {
  underTest = await openAppUnderTest('procpool-e2e-');
  ({ app, service, real, scratch } = underTest);
  console.log(`end-to-end against the ${real ? 'real CoreService (src/main/api)' : 'test CoreService (test/fixtures)'}`);
}, 60_000);
afterAll(() => underTest?.close());

const rows = () => app.page.locator('tbody tr');
const pidsShown = async (): Promise<number[]> => (await app.page.locator('tbody tr .pid').allTextContents()).map(Number);

describe.skipIf(!haveChromium)('the app in browser mode', () => {
  it('creates a copy job from the form; its bar reaches 100% and the files arrive', async () => {
    const { page } = app;
    const source = join(scratch, 'photos');
    mkdirSync(join(source, '2024', 'summer'), { recursive: true });
    for (let i = 0; i < 40; i++) writeFileSync(join(source, '2024', i % 2 ? 'summer' : '', `img-${i}.raw`), Buffer.alloc(50_000 + i * 997, i));
    const destination = join(scratch, 'backup');

    await page.getByRole('button', { name: 'New job' }).click();
    await page.getByRole('combobox', { name: 'Kind' }).selectOption('Copy');
    await page.getByRole('textbox', { name: 'Source' }).fill(source);
    await page.getByRole('textbox', { name: 'Destination' }).fill(destination);
    await page.getByRole('textbox', { name: 'Name' }).fill('Photos backup');
    await page.screenshot({ path: `${screenshots}/new-job.png` });
    await page.getByRole('button', { name: 'Start' }).click();

    const bar = page.getByRole('progressbar', { name: 'Photos backup' });
    await bar.waitFor();
    await eventually(async () => (await bar.getAttribute('aria-valuenow')) === '100', 15_000, 'the bar at 100%');
    const row = page.getByRole('listitem').filter({ has: bar });
    await row.getByText('Done', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Details of Photos backup' }).click();
    // What was written, beside what was to copy: every byte, here.
    const copied = await row.getByText(/ copied$/).textContent({ timeout: 5000 });
    expect(copied).toMatch(/^(\d[\d.,]* [kMG]?i?B) of \1 copied$/);
    await row.getByRole('button', { name: 'Details of Photos backup' }).click();
    for (let i = 0; i < 40; i++) {
      const rel = join('2024', i % 2 ? 'summer' : '', `img-${i}.raw`);
      expect(readFileSync(join(destination, rel)).equals(readFileSync(join(source, rel)))).toBe(true);
    }
    await page.waitForTimeout(300); // the bar's last stretch is animated
    await page.screenshot({ path: `${screenshots}/jobs.png` });
  });

  it('shows the error next to a bad path and creates nothing', async () => {
    const { page } = app;
    const before = (await service.listJobs({})).length;
    const destination = join(scratch, 'never-made');
    await page.getByRole('button', { name: 'New job' }).click();
    await page.getByRole('textbox', { name: 'Source' }).fill(join(scratch, 'no-such-folder'));
    await page.getByRole('textbox', { name: 'Destination' }).fill(destination);
    await page.getByRole('button', { name: 'Start' }).click();
    const error = page.locator('#job-source-error');
    await error.filter({ hasText: 'does not exist' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Source' }).getAttribute('aria-invalid')).toBe('true');
    expect(existsSync(destination)).toBe(false);
    expect((await service.listJobs({})).length).toBe(before);
    // Another kind's fields have not been left yet: no errors on them for the copy's Start.
    await page.getByRole('combobox', { name: 'Kind' }).selectOption('Compute');
    await page.getByRole('textbox', { name: 'Inputs' }).waitFor();
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);
    await page.getByRole('combobox', { name: 'Kind' }).selectOption('Copy');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('keeps the job history across a reload', async () => {
    await app.page.reload();
    const bar = app.page.getByRole('progressbar', { name: 'Photos backup' });
    await bar.waitFor();
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
  });

  it('kills a worker from the Workers view: its PID leaves the system and a new one takes its row', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Workers' }).click();
    await eventually(async () => (await rows().count()) === 2, 10_000, 'two worker rows');
    const before = await pidsShown();
    const victim = before[0]!;
    await page.getByRole('button', { name: `Kill ${victim}` }).click();
    await page.getByRole('dialog', { name: `Kill process ${victim}?` }).getByRole('button', { name: `Kill process ${victim}` }).click();
    await eventually(() => !pidAlive(victim), 5000, `PID ${victim} to exit`);
    const after = await eventually(async () => {
      const pids = await pidsShown();
      return pids.length === 2 && !pids.includes(victim) ? pids : undefined;
    }, 10_000, 'a replacement row');
    expect(after[1]).toBe(before[1]);
    expect(after[0]).not.toBe(victim);
    expect(pidAlive(after[0]!)).toBe(true);
    await page.screenshot({ path: `${screenshots}/workers.png` });
  });

  it('terminates a worker', async () => {
    const { page } = app;
    const victim = (await pidsShown())[1]!;
    await page.getByRole('button', { name: `Terminate ${victim}` }).click();
    await eventually(() => !pidAlive(victim), 5000, `PID ${victim} to exit`);
    await eventually(async () => {
      const pids = await pidsShown();
      return pids.length === 2 && !pids.includes(victim);
    }, 10_000, 'the terminated worker replaced');
  });

  it('resizes the pool from Settings, live', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Settings' }).click();
    const size = page.getByRole('textbox', { name: 'Pool size' });
    await size.fill('3');
    await size.press('Enter');
    await page.getByText('Saved', { exact: true }).waitFor();
    expect(await size.inputValue()).toBe('3');
    await page.screenshot({ path: `${screenshots}/settings.png` });
    expect((await service.getSettings()).poolSize).toBe(3);
    await page.getByRole('link', { name: 'Workers' }).click();
    await eventually(async () => (await rows().count()) === 3, 10_000, 'three worker rows');
  });

  it('shows the shared state view, a dark theme, and fits a 200% zoom', async () => {
    const { page } = app;
    if (real) {
      // A program's named objects, made through its own Manager on the same database.
      const manager = await Manager.start({ path: join(scratch, 'state.db') });
      await (await manager.dict('thumbnails')).update({ 'a.jpg': 'done', 'b.jpg': 'done', 'c.jpg': 'queued' });
      await (await manager.list('errors')).extend(['c.jpg: unreadable', 'd.jpg: too large']);
      await (await manager.value('files_seen', 4182)).get();
      await (await manager.queue('work')).put({ path: '/photos/e.jpg' });
      await manager.shutdown();
    }
    await page.getByRole('link', { name: 'Shared state' }).click();
    await page.getByRole('heading', { name: 'Shared state' }).waitFor();
    if (real) await page.getByRole('cell', { name: 'thumbnails' }).waitFor();
    await page.screenshot({ path: `${screenshots}/shared-state.png` });
    // A busy pool for the Workers pictures: a compute job that keeps every worker at work.
    const busy = await service.submitJob({ kind: 'compute', name: 'Spin 400 ms each', task: { module: tasks, name: 'spin' }, inputs: { type: 'range', start: 400, end: 430 } });
    await page.getByRole('link', { name: 'Workers' }).click();
    await page.getByRole('cell', { name: /Spin 400 ms each/ }).first().waitFor();
    await page.waitForTimeout(2500);
    await page.screenshot({ path: `${screenshots}/workers-busy.png` });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${screenshots}/workers-dark.png` });
    await page.emulateMedia({ colorScheme: 'light' });
    // 200% zoom of a 1280×800 window is a 640×400 CSS viewport: nothing may stick out sideways.
    await page.setViewportSize({ width: 640, height: 400 });
    for (const view of ['Workers', 'Settings', 'Shared state', 'Jobs']) {
      await page.getByRole('link', { name: view, exact: true }).click();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${view} sticks out sideways at 200%`).toBeLessThanOrEqual(0);
    }
    await page.screenshot({ path: `${screenshots}/jobs-zoom-200.png` });
    await page.setViewportSize({ width: 1280, height: 800 });
    await service.cancelJob(busy.id).catch(() => undefined);
  });

  it('shows jobs in every state: running with rate and ETA, paused, failed with its items, done', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Jobs' }).click();
    const failed = await service.submitJob({ kind: 'compute', name: 'Validate manifests', task: { module: tasks, name: 'fail' }, inputs: { type: 'range', start: 1, end: 4 } });
    const paused = await service.submitJob({ kind: 'compute', name: 'Nightly archive', task: { module: tasks, name: 'spin' }, inputs: { type: 'range', start: 200, end: 260 } });
    await page.getByRole('progressbar', { name: 'Nightly archive' }).waitFor();
    await eventually(async () => Number(await page.getByRole('progressbar', { name: 'Nightly archive' }).getAttribute('aria-valuenow')) > 0, 10_000, 'the archive under way');
    await service.pauseJob(paused.id);
    const running = await service.submitJob({ kind: 'compute', name: 'Render thumbnails', task: { module: tasks, name: 'spin' }, inputs: { type: 'range', start: 300, end: 340 } });
    const failedRow = page.getByRole('listitem').filter({ has: page.getByRole('progressbar', { name: 'Validate manifests' }) });
    await failedRow.getByText('Failed', { exact: true }).waitFor();
    await failedRow.getByRole('button', { name: 'Details of Validate manifests' }).click();
    await failedRow.getByRole('heading', { name: 'Failed items' }).waitFor();
    await page.getByRole('listitem').filter({ has: page.getByRole('progressbar', { name: 'Nightly archive' }) }).getByText('Paused', { exact: true }).waitFor();
    await eventually(async () => Number(await page.getByRole('progressbar', { name: 'Render thumbnails' }).getAttribute('aria-valuenow')) >= 10, 15_000, 'the thumbnails under way');
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${screenshots}/jobs-overview.png` });
    for (const id of [running.id, paused.id, failed.id]) await service.cancelJob(id).catch(() => undefined);
  });

  it('a queued job, whose items are not counted yet, shows no "0 / 0 items"', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Jobs' }).click();
    const spin = (name: string, start: number) => service.submitJob({ kind: 'compute', name, task: { module: tasks, name: 'spin' }, inputs: { type: 'range', start, end: start + 40 } });
    const jobs = [await spin('First in line', 400), await spin('Second in line', 500), await spin('Third in line', 600)];
    const third = page.getByRole('listitem').filter({ has: page.getByRole('progressbar', { name: 'Third in line' }) });
    await third.getByText('Queued', { exact: true }).waitFor();
    await third.getByText('– items', { exact: true }).waitFor();
    expect(await third.getByText('0 / 0 items').count()).toBe(0);
    for (const job of jobs) await service.cancelJob(job.id).catch(() => undefined);
  });

  it('says each fact of a stopped job once: the failed count without the "N of M items failed" beside it, Cancelled without "cancelled"', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Jobs' }).click();
    const failed = await service.submitJob({ kind: 'compute', name: 'Check invoices', task: { module: tasks, name: 'fail' }, inputs: { type: 'range', start: 1, end: 4 } });
    const failedRow = page.getByRole('listitem').filter({ has: page.getByRole('progressbar', { name: 'Check invoices' }) });
    await failedRow.getByText('Failed', { exact: true }).waitFor();
    await failedRow.getByText('3 failed', { exact: true }).waitFor();
    expect((await service.getJob(failed.id)).message).toBe('3 of 3 items failed');
    expect(await failedRow.getByText(/items failed/).count()).toBe(0);
    const stopped = await service.submitJob({ kind: 'compute', name: 'Abandoned render', task: { module: tasks, name: 'spin' }, inputs: { type: 'range', start: 300, end: 340 } });
    await service.cancelJob(stopped.id);
    const stoppedRow = page.getByRole('listitem').filter({ has: page.getByRole('progressbar', { name: 'Abandoned render' }) });
    await stoppedRow.getByText('Cancelled', { exact: true }).waitFor();
    expect((await service.getJob(stopped.id)).message).toBe('cancelled');
    expect(await stoppedRow.getByText(/cancelled/i).count()).toBe(1);
  });

  it('cuts a long shared-state preview with an ellipsis in an 800 px window, its full text in the tooltip', async () => {
    const { page } = app;
    const long = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`photo-${i}.jpg`, 'waiting for a thumbnail']));
    const manager = await Manager.start({ path: join(scratch, 'state.db') });
    await (await manager.dict('thumbnail_queue')).update(long);
    await manager.shutdown();
    await page.setViewportSize({ width: 800, height: 600 });
    await page.getByRole('link', { name: 'Shared state' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'thumbnail_queue' }) });
    await row.waitFor();
    const preview = row.getByRole('cell').last();
    const cut = await preview.evaluate((cell) => ({
      cut: cell.scrollWidth > cell.clientWidth,
      ellipsis: getComputedStyle(cell).textOverflow,
      title: cell.getAttribute('title') ?? '',
      text: cell.textContent ?? '',
      // The panel must not scroll sideways to hide the preview's end.
      panelOverflow: cell.closest('.table-wrap')!.scrollWidth - cell.closest('.table-wrap')!.clientWidth,
    }));
    expect(cut.cut, 'the preview is cut inside its cell').toBe(true);
    expect(cut.ellipsis).toBe('ellipsis');
    expect(cut.panelOverflow).toBeLessThanOrEqual(0);
    expect(cut.title).toBe(cut.text);
    expect(cut.title).toContain('photo-0.jpg');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("shows a failed copy's whole reason, with what to do about it, not cut to a tooltip", async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Jobs' }).click();
    const source = join(scratch, 'clash-source');
    const destination = join(scratch, 'clash-destination');
    mkdirSync(source, { recursive: true });
    mkdirSync(destination, { recursive: true });
    for (const name of ['report-2024.pdf', 'report-2025.pdf']) {
      writeFileSync(join(source, name), 'new');
      writeFileSync(join(destination, name), 'old');
    }
    const job = await service.submitJob({ kind: 'copy', name: 'Clashing copy', source, destination });
    const row = page.getByRole('listitem').filter({ has: page.getByRole('progressbar', { name: 'Clashing copy' }) });
    await row.getByText('Failed', { exact: true }).waitFor();
    const message = (await service.getJob(job.id)).message ?? '';
    expect(message.length, 'a reason longer than a line').toBeGreaterThan(120);
    const shown = row.getByText(message, { exact: true });
    const clipped = await shown.evaluate((el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight);
    expect(clipped, 'the reason is cut').toBe(false);
  });

  it('in an 800 px window, gives a job row its bar at full width and keeps Terminate and Kill in sight', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 800, height: 600 });
    try {
      await page.getByRole('link', { name: 'Jobs' }).click();
      await service.submitJob({ kind: 'compute', name: 'Narrow window job', task: { module: tasks, name: 'fail' }, inputs: { type: 'range', start: 1, end: 2 } });
      const bar = page.getByRole('progressbar', { name: 'Narrow window job progress' });
      await bar.waitFor();
      const list = (await page.getByRole('list', { name: 'Jobs' }).boundingBox())!;
      const barBox = (await bar.boundingBox())!;
      // Beside the sidebar the list is ~550 px: three columns would leave the bar a third of it.
      expect(barBox.width / list.width, 'share of the list the bar takes').toBeGreaterThan(0.6);
      await page.getByRole('link', { name: 'Workers' }).click();
      const panel = (await page.locator('.table-wrap').boundingBox())!;
      for (const name of [/^Terminate \d+$/, /^Kill \d+$/]) {
        const button = (await page.getByRole('button', { name }).first().boundingBox())!;
        expect(button.x + button.width, `${String(name)} is inside the panel without scrolling it`).toBeLessThanOrEqual(panel.x + panel.width);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('works from the keyboard: Tab to New job, Enter opens the form, Escape closes it and gives focus back to New job; what was typed is kept', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Jobs' }).click();
    await page.getByRole('link', { name: 'Jobs' }).focus();
    let reached = false;
    for (let i = 0; i < 12 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.textContent?.trim() === 'New job');
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    const form = page.getByRole('dialog', { name: 'New job' });
    await form.waitFor();
    await page.locator('#job-source').fill('/tmp/half-typed');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('New job');
    await page.keyboard.press('Enter');
    await form.waitFor();
    expect(await page.locator('#job-source').inputValue()).toBe('/tmp/half-typed');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
  });

  it('shows a long job name cut with its full text on hover, and keeps Module and Function level when one is wrong', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Jobs' }).click();
    const long = `Quarterly report: ${'every department and every region, '.repeat(6)}end`;
    await service.submitJob({ kind: 'compute', name: long, task: { module: tasks, name: 'square' }, inputs: { type: 'range', start: 0, end: 2 } });
    const name = page.getByRole('listitem').filter({ has: page.getByRole('progressbar', { name: long }) }).locator('.name');
    expect(await name.getAttribute('title')).toBe(long);
    expect(await name.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);

    await page.getByRole('button', { name: 'New job' }).click();
    await page.getByRole('combobox', { name: 'Kind' }).selectOption('Compute');
    await page.getByRole('combobox', { name: 'Task' }).selectOption('module');
    await page.getByRole('textbox', { name: 'Module' }).fill(join(scratch, 'no-such-module.mjs'));
    await page.getByRole('textbox', { name: 'Function' }).fill('square');
    await page.getByRole('textbox', { name: 'Inputs' }).fill('0:3');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.locator('#job-module-error').filter({ hasText: 'does not exist' }).waitFor();
    const top = async (id: string) => (await page.locator(id).boundingBox())?.y;
    expect(await top('#job-function')).toBe(await top('#job-module'));
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('saves a setting once for Enter and the change that follows; refuses a timeout that rounds to 0 ms next to its field', async () => {
    const { page } = app;
    const saves: unknown[] = [];
    const original = service.updateSettings.bind(service);
    service.updateSettings = (patch) => {
      saves.push(patch);
      return original(patch);
    };
    try {
      await page.getByRole('link', { name: 'Settings' }).click();
      const retries = page.getByRole('textbox', { name: 'Retries' });
      await retries.fill('3');
      await retries.press('Enter');
      await retries.blur();
      await page.getByText('Saved', { exact: true }).waitFor();
      expect(saves).toEqual([{ retries: 3 }]);
      const timeout = page.getByRole('textbox', { name: 'Per-task timeout' });
      await timeout.fill('0.0001');
      await timeout.press('Enter');
      await page.locator('#set-taskTimeoutMs-error').filter({ hasText: 'from 0.001 to' }).waitFor();
      expect(saves).toHaveLength(1);
      await timeout.fill('');
      await timeout.press('Enter');
    } finally {
      service.updateSettings = original;
    }
  });
});
