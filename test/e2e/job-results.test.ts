/**
 * A compute job's Results in the app, in Chromium against browser mode: a page at a time,
 * errors and long values, a running job's table filling in. Screenshots go to
 * test-results/screenshots.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasks } from '../helpers.js';
import type { CoreService } from '../../src/shared/api.js';
import { haveChromium } from './browser.js';
import { eventually, screenshots, type Harness } from './app-harness.js';
import { openAppUnderTest, type AppUnderTest } from './service-under-test.js';

let underTest: AppUnderTest | undefined;
let app: Harness;
let service: CoreService;
let scratch: string;

beforeAll(async () => {
  underTest = await openAppUnderTest('procpool-e2e-results-');
  ({ app, service, scratch } = underTest);
}, 60_000);
afterAll(() => underTest?.close());

describe.skipIf(!haveChromium)("a compute job's results in the app", () => {
  it("shows a compute job's results in a table, a page at a time", async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Jobs' }).click();
    // Started from the form, as people do: squares of 0…249, three pages of 100.
    await page.getByRole('button', { name: 'New job' }).click();
    await page.getByRole('combobox', { name: 'Kind' }).selectOption('Compute');
    await page.getByRole('textbox', { name: 'Name' }).fill('Squares');
    await page.getByRole('combobox', { name: 'Task' }).selectOption('module');
    await page.getByRole('textbox', { name: 'Module' }).fill(tasks);
    await page.getByRole('textbox', { name: 'Function' }).fill('square');
    await page.getByRole('textbox', { name: 'Inputs' }).fill('0:250');
    await page.getByRole('button', { name: 'Start' }).click();
    const row = page.getByRole('listitem').filter({ has: page.getByRole('progressbar', { name: 'Squares' }) });
    await row.getByText('Done', { exact: true }).waitFor({ timeout: 15_000 });

    await row.getByRole('button', { name: 'Details of Squares' }).click();
    const table = row.getByRole('table', { name: /Results/ });
    const cells = (n: number) => table.locator('tbody tr').nth(n).getByRole('cell');
    await eventually(async () => (await table.locator('tbody tr').count()) === 100, 10_000, 'the first page of 100 results');
    expect(await cells(0).allTextContents()).toEqual(['0', '0', '0']);
    expect(await cells(99).allTextContents()).toEqual(['99', '99', '9801']);
    await row.getByText('100 of 250 inputs').waitFor();
    await page.screenshot({ path: `${screenshots}/job-results.png` });

    const more = row.getByRole('button', { name: 'Show more results' });
    await more.click();
    await eventually(async () => (await table.locator('tbody tr').count()) === 200, 10_000, 'the second page');
    expect(await cells(150).allTextContents()).toEqual(['150', '150', '22500']);
    await more.click();
    await eventually(async () => (await table.locator('tbody tr').count()) === 250, 10_000, 'the last page');
    expect(await cells(249).allTextContents()).toEqual(['249', '249', '62001']);
    await row.getByText('250 of 250 inputs').waitFor();
    expect(await more.count()).toBe(0);
  });

  it('shows a failed input\'s error in its result cell, and cuts a long value with its full text in the title', async () => {
    const { page } = app;
    const long = `${'x'.repeat(300)}-end`;
    writeFileSync(join(scratch, 'lines.txt'), `short\n${long}\n`);
    await service.submitJob({ kind: 'compute', name: 'Echo lines', task: { module: tasks, name: 'fail' }, inputs: { type: 'path', path: join(scratch, 'lines.txt') } });
    const row = page.getByRole('listitem').filter({ has: page.getByRole('progressbar', { name: 'Echo lines' }) });
    await row.getByText('Failed', { exact: true }).waitFor({ timeout: 15_000 });
    await row.getByRole('button', { name: 'Details of Echo lines' }).click();
    const table = row.getByRole('table', { name: /Results/ });
    const error = table.getByRole('cell', { name: 'RangeError: short' });
    await error.waitFor();
    const longInput = table.getByRole('cell', { name: JSON.stringify(long) });
    expect(await longInput.getAttribute('title')).toBe(JSON.stringify(long));
    // Drawn cut: the cell is narrower than its text.
    expect(await longInput.evaluate((cell) => cell.scrollWidth > cell.clientWidth)).toBe(true);
    await row.screenshot({ path: `${screenshots}/job-results-failed.png` });
  });

  it("a running job's results show what is not done yet, and fill in when it ends; the table fits a 200% zoom", async () => {
    const { page } = app;
    writeFileSync(join(scratch, 'waits.json'), '[0, 3000]');
    await service.submitJob({ kind: 'compute', name: 'Slow inputs', task: { module: tasks, name: 'sleep' }, inputs: { type: 'path', path: join(scratch, 'waits.json') } });
    const row = page.getByRole('listitem').filter({ has: page.getByRole('progressbar', { name: 'Slow inputs' }) });
    await row.getByText('Running', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Details of Slow inputs' }).click();
    const table = row.getByRole('table', { name: /Results/ });
    await table.getByRole('cell', { name: 'pending' }).waitFor();
    await row.getByText('Done', { exact: true }).waitFor({ timeout: 15_000 });
    await table.getByRole('cell', { name: '3000' }).nth(1).waitFor();
    expect(await table.getByRole('cell', { name: 'pending' }).count()).toBe(0);
    await page.setViewportSize({ width: 640, height: 400 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'the Results table sticks out sideways at 200%').toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
