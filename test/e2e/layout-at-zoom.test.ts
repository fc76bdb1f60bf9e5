/**
 * Layout at high zoom and in narrow windows, measured against the viewport: the New job
 * dialog keeps Start and Cancel in sight at 200% (a 1280×800 window at zoom 2 is a 640×400
 * CSS viewport) while its body scrolls, and the Workers view keeps its three pool cards
 * compact, so the worker table starts within the first screen of an 800×600 window.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { haveChromium } from './browser.js';
import { eventually, screenshots, type Harness } from './app-harness.js';
import { openAppUnderTest, type AppUnderTest } from './service-under-test.js';

let underTest: AppUnderTest | undefined;
let app: Harness;

beforeAll(async () => {
  if (!haveChromium) return;
  underTest = await openAppUnderTest('procpool-layout-');
  ({ app } = underTest);
}, 60_000);
afterAll(() => underTest?.close());
// A failed test leaves no dialog open and no small window behind for the next one.
afterEach(async () => {
  if (!underTest) return;
  const { page } = app;
  if (await page.getByRole('dialog').count()) await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 1280, height: 800 });
});

interface Box { x: number; y: number; width: number; height: number }

async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${locator.toString()} has no box`);
  return found;
}

/** Wholly inside `outer` (half a pixel of rounding allowed). */
function expectInside(inner: Box, outer: Box, what: string): void {
  expect(inner.x, `${what}: left edge`).toBeGreaterThanOrEqual(outer.x - 0.5);
  expect(inner.y, `${what}: top edge`).toBeGreaterThanOrEqual(outer.y - 0.5);
  expect(inner.x + inner.width, `${what}: right edge`).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
  expect(inner.y + inner.height, `${what}: bottom edge`).toBeLessThanOrEqual(outer.y + outer.height + 0.5);
}

const viewportBox = (page: Page): Box => {
  const size = page.viewportSize();
  if (!size) throw new Error('no viewport');
  return { x: 0, y: 0, ...size };
};

const focusedId = (page: Page): Promise<string> => page.evaluate(() => {
  const active = document.activeElement;
  return active?.id || active?.textContent?.trim() || active?.getAttribute('aria-label') || active?.tagName || '';
});

describe.skipIf(!haveChromium)('layout at 200% zoom and in narrow windows', () => {
  it('keeps the New job dialog\'s Start and Cancel in sight at every size; its body scrolls instead', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Jobs' }).click();
    const sizes = [
      { width: 1280, height: 800, name: '100' },
      { width: 640, height: 400, name: '200' }, // 1280×800 at 200%
      { width: 640, height: 360, name: '200-720p' }, // 1280×720 at 200%
      { width: 427, height: 267, name: '300' }, // 1280×800 at 300%
    ];
    for (const size of sizes) {
      await page.setViewportSize(size);
      for (const kind of ['Copy', 'Compute'] as const) {
        await page.getByRole('button', { name: 'New job' }).click();
        const dialog = page.getByRole('dialog', { name: 'New job' });
        await dialog.waitFor();
        await dialog.getByRole('combobox', { name: 'Kind' }).selectOption(kind);
        if (kind === 'Compute') await dialog.getByRole('textbox', { name: 'Module' }).waitFor();
        const where = `${kind} at ${size.width}×${size.height}`;
        await page.screenshot({ path: `${screenshots}/new-job-${kind.toLowerCase()}-zoom-${size.name}.png` });
        const frame = await box(dialog);
        expectInside(frame, viewportBox(page), `the dialog, ${where}`);
        expectInside(await box(dialog.locator('.modal-foot')), frame, `the action row, ${where}`);
        for (const name of ['Start', 'Cancel', 'Close']) {
          expectInside(await box(dialog.getByRole('button', { name, exact: true })), frame, `${name}, ${where}`);
        }
        // The dialog itself does not scroll (that is what hid the buttons): only its body may.
        const scrolls = await dialog.evaluate((element) => element.scrollHeight - element.clientHeight);
        expect(scrolls, `the dialog scrolls as a whole, ${where}`).toBeLessThanOrEqual(0);
        if (size.width === 1280) {
          // At normal size nothing scrolls: the whole form shows at once.
          const bodyScrolls = await dialog.locator('.modal-body').evaluate((element) => element.scrollHeight - element.clientHeight);
          expect(bodyScrolls, `the form scrolls at normal size, ${where}`).toBeLessThanOrEqual(0);
        } else {
          // The last field of the form can be scrolled to, and the buttons stay put meanwhile.
          const last = kind === 'Copy' ? dialog.getByRole('checkbox') : dialog.getByRole('textbox', { name: 'Inputs' });
          const start = await box(dialog.getByRole('button', { name: 'Start' }));
          await last.scrollIntoViewIfNeeded();
          expectInside(await box(last), frame, `the last field, scrolled to, ${where}`);
          expect(await box(dialog.getByRole('button', { name: 'Start' })), `Start moved when the form scrolled, ${where}`).toEqual(start);
          await page.screenshot({ path: `${screenshots}/new-job-${kind.toLowerCase()}-zoom-${size.name}-scrolled.png` });
        }
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
      }
    }
  });

  it('keeps the dialog\'s keyboard behaviour at 200%: Tab order, Enter submits, Escape closes and gives focus back', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 640, height: 400 });
    await page.getByRole('link', { name: 'Jobs' }).click();
    await page.getByRole('button', { name: 'New job' }).click();
    const dialog = page.getByRole('dialog', { name: 'New job' });
    await dialog.getByRole('combobox', { name: 'Kind' }).selectOption('Copy');
    await dialog.getByRole('combobox', { name: 'Kind' }).focus();
    const order = ['job-kind'];
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press('Tab');
      order.push(await focusedId(page));
    }
    const browse = (await dialog.getByRole('button', { name: 'Browse…' }).count()) > 0;
    const expected = browse
      ? ['job-kind', 'job-name', 'job-source', 'Browse…', 'job-destination', 'Browse…', 'job-conflict', 'INPUT']
      : ['job-kind', 'job-name', 'job-source', 'job-destination', 'job-conflict', 'INPUT', 'Cancel', 'Start'];
    expect(order).toEqual(expected);
    // Tabbing onto the buttons at the foot leaves them in sight.
    const frame = await box(dialog);
    expectInside(await box(page.locator(':focus')), frame, 'the focused button');
    // Enter in a field submits: the missing source is reported next to its field.
    await dialog.getByRole('textbox', { name: 'Source' }).fill('');
    await dialog.getByRole('textbox', { name: 'Destination' }).fill('');
    await dialog.getByRole('textbox', { name: 'Name' }).press('Enter');
    await eventually(async () => (await dialog.getByRole('textbox', { name: 'Source' }).getAttribute('aria-invalid')) === 'true', 5000, 'the source marked invalid after Enter');
    expectInside(await box(dialog.getByRole('button', { name: 'Start' })), viewportBox(page), 'Start after the errors show');
    await page.screenshot({ path: `${screenshots}/new-job-errors-zoom-200.png` });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('New job');
  });

  it('keeps the pool cards compact in narrow windows: the worker table starts within the first screen', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Workers' }).click();
    await eventually(async () => (await page.locator('tbody tr').count()) >= 2, 10_000, 'two worker rows');
    const cards = page.locator('.cards > .card');
    const sizes = [
      { width: 1280, height: 800 },
      { width: 900, height: 600 },
      { width: 800, height: 600 },
      { width: 761, height: 600 },
      { width: 700, height: 500 },
      { width: 640, height: 400 },
      { width: 480, height: 600 }, // 1280×800 at 267%; narrower, the top bar of the app no longer fits
    ];
    for (const size of sizes) {
      await page.setViewportSize(size);
      await page.locator('main').evaluate((main) => main.scrollTo(0, 0));
      await page.waitForTimeout(100);
      const where = `at ${size.width}×${size.height}`;
      await page.screenshot({ path: `${screenshots}/workers-${size.width}x${size.height}.png` });
      expect(await cards.count()).toBe(3);
      const boxes = await Promise.all([0, 1, 2].map((i) => box(cards.nth(i))));
      for (const [i, card] of boxes.entries()) {
        expectInside(card, viewportBox(page), `card ${i + 1} ${where}`);
        // Nothing inside a card is cut off or sticks out of it.
        const spill = await cards.nth(i).evaluate((element) => {
          let worst = 0;
          const outer = element.getBoundingClientRect();
          for (const child of Array.from(element.querySelectorAll('*'))) {
            const inner = child.getBoundingClientRect();
            worst = Math.max(worst, inner.right - outer.right, outer.left - inner.left, inner.bottom - outer.bottom);
          }
          return worst;
        });
        expect(spill, `something sticks out of card ${i + 1} ${where}`).toBeLessThanOrEqual(0.5);
      }
      // No card overlaps another.
      for (let i = 0; i < 3; i++) {
        for (let j = i + 1; j < 3; j++) {
          const [a, b] = [boxes[i]!, boxes[j]!];
          const apart = a.x + a.width <= b.x + 0.5 || b.x + b.width <= a.x + 0.5 || a.y + a.height <= b.y + 0.5 || b.y + b.height <= a.y + 0.5;
          expect(apart, `cards ${i + 1} and ${j + 1} overlap ${where}`).toBe(true);
        }
      }
      const rows = new Set(boxes.map((b) => Math.round(b.y))).size;
      if (size.width >= 700) expect(rows, `the cards are not one row ${where}`).toBe(1);
      else expect(rows, `the cards take more than two rows ${where}`).toBeLessThanOrEqual(2);
      // The pool cards take at most a third of the screen; the table's first row shows.
      const cardsBox = await box(page.locator('.cards'));
      if (size.height >= 600) expect(cardsBox.height, `the cards are too tall ${where}`).toBeLessThanOrEqual(size.height / 3);
      const firstRow = await box(page.locator('tbody tr').first());
      expect(firstRow.y + firstRow.height, `the first worker row is below the first screen ${where}`).toBeLessThanOrEqual(size.height);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `the page sticks out sideways ${where}`).toBeLessThanOrEqual(0);
    }
  });
});
