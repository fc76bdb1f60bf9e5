/**
 * The Jobs view as a history people keep, in Chromium against browser mode: when each job
 * started and ended and how long it took, Run again, Delete and Clear (each asking first),
 * Cancel asking first, the sort, the title's progress, the first toast of a job that failed at
 * once, and a notification when a job ends. A screenshot at 800 px goes to test-results/screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasks } from '../helpers.js';
import type { CoreService, JobSummary } from '../../src/shared/api.js';
import { formatTook } from '../../src/renderer/lib/job-times.js';
import { haveChromium } from './browser.js';
import { eventually, screenshots, type Harness } from './app-harness.js';
import { openAppUnderTest, type AppUnderTest } from './service-under-test.js';

let underTest: AppUnderTest | undefined;
let app: Harness;
let service: CoreService;

beforeAll(async () => {
  underTest = await openAppUnderTest('procpool-e2e-history-');
  ({ app, service } = underTest);
}, 60_000);
afterAll(() => underTest?.close());

const squares = (name: string, end = 30) => service.submitJob({ kind: 'compute', name, task: { module: tasks, name: 'square' }, inputs: { type: 'range', start: 0, end } });
const spin = (name: string) => service.submitJob({ kind: 'compute', name, task: { module: tasks, name: 'spin' }, inputs: { type: 'range', start: 300, end: 340 } });
/** A job's row, by its id ('#12', not '#123'). */
const rowOf = (id: number) => app.page.getByRole('listitem').filter({ hasText: new RegExp(`#${id}(?!\\d)`) });
const shownIds = async (): Promise<number[]> => (await app.page.getByRole('list', { name: 'Jobs' }).locator('.id').allTextContents()).map((text) => Number(text.slice(1)));
const ended = (id: number): Promise<JobSummary> =>
  eventually(async () => {
    const job = await service.getJob(id);
    return job.status !== 'running' && job.status !== 'queued' ? job : undefined;
  }, 15_000, `job ${id} to end`);
const toast = (text: string | RegExp) => app.page.locator('.notices').getByText(text);

describe.skipIf(!haveChromium)('the jobs history in the app', () => {
  it('shows when a job started and ended and how long it ran; Run again makes a new job of it, on top', async () => {
    const first = await squares('Squares');
    const done = await ended(first.id);
    expect(done.status).toBe('done');
    const row = rowOf(first.id);
    await row.getByText('Done', { exact: true }).waitFor();
    await row.getByText(/^started \d\d:\d\d$/).waitFor();
    await row.getByText(/^ended \d\d:\d\d$/).waitFor();
    // The same figure as `procpool jobs` (ranMs), in the app's units.
    await row.getByText(`took ${formatTook(done.ranMs)}`, { exact: true }).waitFor();

    await row.getByRole('button', { name: 'Run again Squares' }).click();
    const again = await eventually(async () => (await service.listJobs({})).find((job) => job.name === 'Squares' && job.id !== first.id), 5000, 'the new job');
    expect(again.spec).toEqual(done.spec);
    await rowOf(again.id).waitFor();
    expect((await shownIds())[0]).toBe(again.id);
    // Its first toast says what became of it: started, or done already.
    await toast(/^(Started Squares|Squares is done)$/).waitFor();
    await ended(again.id);
  });

  it('deletes an ended job after asking; a job deleted by another window leaves the list too', async () => {
    const { page } = app;
    const [newer, older] = (await service.listJobs({})).filter((job) => job.name === 'Squares').sort((a, b) => b.id - a.id);
    const row = rowOf(older!.id);
    await row.getByRole('button', { name: 'Delete Squares' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Squares?' });
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await row.count()).toBe(1);
    await row.getByRole('button', { name: 'Delete Squares' }).click();
    await dialog.getByRole('button', { name: 'Delete job' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await service.listJobs({})).map((job) => job.id)).not.toContain(older!.id);
    await toast('Deleted Squares').waitFor();

    // Deleted elsewhere (another tab, the desktop window): the list hears of it.
    await service.deleteJob(newer!.id);
    await rowOf(newer!.id).waitFor({ state: 'detached', timeout: 5000 });
  });

  it('asks before cancelling; Clear deletes the ended jobs the filter shows, naming how many; the title shows progress', async () => {
    const { page } = app;
    const batch = [await squares('Batch a', 5), await squares('Batch b', 5), await squares('Batch c', 5)];
    for (const job of batch) await ended(job.id);
    const long = await spin('Batch spin');
    const longRow = rowOf(long.id);
    await longRow.getByText('Running', { exact: true }).waitFor();
    await eventually(async () => /^\d+% · 1 job — Procpool$/.test(await page.title()), 10_000, 'the progress in the title');

    await longRow.getByRole('button', { name: 'Cancel Batch spin' }).click();
    const ask = page.getByRole('dialog', { name: 'Cancel Batch spin?' });
    await ask.getByText(/cannot be resumed/).waitFor();
    await ask.getByRole('button', { name: 'Keep it running' }).click();
    await ask.waitFor({ state: 'detached' });
    expect((await service.getJob(long.id)).status).toBe('running');
    await longRow.getByRole('button', { name: 'Cancel Batch spin' }).click();
    await ask.getByRole('button', { name: 'Cancel job' }).click();
    await longRow.getByText('Cancelled', { exact: true }).waitFor();
    await eventually(async () => (await page.title()) === 'Procpool', 5000, 'the plain title');

    const still = await spin('Batch still running');
    await rowOf(still.id).getByText('Running', { exact: true }).waitFor();
    await page.getByRole('searchbox', { name: 'Search jobs' }).fill('Batch');
    await page.getByRole('button', { name: 'Clear' }).click();
    // Three done, one cancelled; the running one stays.
    const clear = page.getByRole('dialog', { name: 'Delete 4 jobs?' });
    await clear.getByRole('button', { name: 'Delete 4 jobs' }).click();
    await eventually(async () => (await shownIds()).length === 1, 5000, 'the ended jobs gone');
    expect(await shownIds()).toEqual([still.id]);
    const left = (await service.listJobs({})).filter((job) => job.name.startsWith('Batch')).map((job) => job.id);
    expect(left).toEqual([still.id]);
    await service.cancelJob(still.id);
    await page.getByRole('searchbox', { name: 'Search jobs' }).fill('');
  });

  it('sorts by time, name and status', async () => {
    const { page } = app;
    for (const name of ['b second', 'A first', 'c third']) await ended((await squares(name, 3)).id);
    const sort = page.getByRole('combobox', { name: 'Sort jobs by' });
    const names = async () => page.getByRole('list', { name: 'Jobs' }).locator('.name').allTextContents();
    const ids = await shownIds();
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    await sort.selectOption('Oldest first');
    await eventually(async () => (await shownIds())[0] === Math.min(...ids), 5000, 'oldest first');
    await sort.selectOption('Name');
    await eventually(async () => (await names())[0] === 'A first', 5000, 'by name');
    const byName = await names();
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' })));
    await sort.selectOption('Status');
    await eventually(async () => (await names())[0] === 'Batch still running', 5000, 'the cancelled job before the done ones');
    await sort.selectOption('Newest first');
  });

  it('says in its first toast that a job failed at once, not "Started"', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'New job' }).click();
    await page.getByRole('combobox', { name: 'Kind' }).selectOption('Compute');
    await page.getByRole('textbox', { name: 'Name' }).fill('Bad inputs');
    await page.getByRole('combobox', { name: 'Task' }).selectOption('module');
    await page.getByRole('textbox', { name: 'Module' }).fill(tasks);
    await page.getByRole('textbox', { name: 'Function' }).fill('fail');
    await page.getByRole('textbox', { name: 'Inputs' }).fill('1:4');
    await page.getByRole('button', { name: 'Start' }).click();
    await toast(/^Bad inputs failed/).waitFor({ timeout: 10_000 });
    expect(await toast('Started Bad inputs').count()).toBe(0);
  });

  it('reads well at 800 px: times, Run again and Delete in view, nothing sideways', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 800, height: 720 });
    const running = await spin('Render thumbnails');
    await rowOf(running.id).getByText(/^ran /).waitFor();
    await page.waitForTimeout(300); // the bar's last stretch is animated
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${screenshots}/jobs-history.png` });
    await service.cancelJob(running.id);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('in browser mode, asks once on Start for notifications and notifies when a job ends while the app is not looked at', async () => {
    const { page, context } = app;
    await context.addInitScript(() => {
      const record = window as unknown as { asked: number; notes: Array<{ title: string; body?: string }> };
      record.asked = 0;
      record.notes = [];
      class FakeNotification {
        static permission: NotificationPermission = 'default';
        static requestPermission(): Promise<NotificationPermission> {
          record.asked++;
          FakeNotification.permission = 'granted';
          return Promise.resolve('granted');
        }
        constructor(title: string, options?: NotificationOptions) {
          record.notes.push({ title, ...(options?.body !== undefined && { body: options.body }) });
        }
      }
      Object.defineProperty(window, 'Notification', { value: FakeNotification });
      // Another window has the focus: the app is not looked at.
      document.hasFocus = () => false;
      // A browser that was never asked (the Start clicks above asked Chromium's own API).
      localStorage.removeItem('procpool.notifications.asked');
    });
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    const read = () =>
      page.evaluate(() => {
        const record = window as unknown as { asked: number; notes: Array<{ title: string; body?: string }> };
        return { asked: record.asked, notes: record.notes };
      });
    expect((await read()).asked).toBe(0);

    await page.getByRole('button', { name: 'New job' }).click();
    await page.getByRole('combobox', { name: 'Kind' }).selectOption('Compute');
    await page.getByRole('textbox', { name: 'Name' }).fill('Told when done');
    await page.getByRole('combobox', { name: 'Task' }).selectOption('module');
    await page.getByRole('textbox', { name: 'Module' }).fill(tasks);
    await page.getByRole('textbox', { name: 'Function' }).fill('spin');
    await page.getByRole('textbox', { name: 'Inputs' }).fill('100:104');
    await page.getByRole('button', { name: 'Start' }).click();
    const first = await eventually(async () => {
      const { asked, notes } = await read();
      return notes.length > 0 ? { asked, notes } : undefined;
    }, 15_000, 'a notification');
    expect(first.asked).toBe(1);
    expect(first.notes).toEqual([{ title: 'Told when done: done', body: '4 of 4 items' }]);

    const job = (await service.listJobs({ search: 'Told when done' }))[0]!;
    await rowOf(job.id).getByRole('button', { name: 'Run again Told when done' }).click();
    const second = await eventually(async () => {
      const state = await read();
      return state.notes.length > 1 ? state : undefined;
    }, 15_000, 'a second notification');
    // Asked once only, and both jobs ended while nobody looked: one notification that says so.
    expect(second.asked).toBe(1);
    expect(second.notes[1]).toEqual({ title: '2 jobs ended', body: '2 done' });
  });
});
