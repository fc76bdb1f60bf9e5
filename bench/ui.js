// UI responsiveness: how long from a click to the frame that shows its answer, in Chromium
// against browser mode, with the event stream idle and under a flood (2,000 running jobs,
// 10,000 job updates and 100 worker snapshots a second). The peer is the same app idle, so
// the figure is a ratio. One JSON line per workload.
/* global window, document, addEventListener, requestAnimationFrame */ // used in page.evaluate callbacks, which run in the browser
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../dist/main/server/index.js';
import { floodService } from './flood-service.js';

const staticDir = fileURLToPath(new URL('../dist/renderer', import.meta.url));
const executablePath = process.env.PROCPOOL_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`bench/ui.js: no Chromium at ${executablePath} (apt-get install chromium); skipped`);
  process.exit(0);
}
const trials = Number(process.env.UI_TRIALS ?? 40);

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'] });
try {
  const idle = await measure('ui-click-idle', { updatesPerSecond: 0 });
  const flood = await measure('ui-click-flood', { updatesPerSecond: 10_000 });
  console.log(JSON.stringify({ workload: 'ui-click-flood-vs-idle', p95Ratio: round(flood.p95 / idle.p95), floodP95Ms: flood.p95, idleP95Ms: idle.p95, under100ms: flood.max < 100 }));
} finally {
  await browser.close();
}

async function measure(workload, { updatesPerSecond }) {
  const service = floodService({ updatesPerSecond });
  const server = await startServer({ service, staticDir });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(server.url);
    await page.getByRole('progressbar', { name: 'Copy batch 1 ' }).first().waitFor();
    await page.waitForTimeout(1000); // let the flood reach its steady state
    const details = page.getByRole('button', { name: 'Details of Copy batch 1', exact: true });
    const link = { jobs: page.getByRole('link', { name: 'Jobs' }), workers: page.getByRole('link', { name: 'Workers' }) };
    const toggles = [];
    const views = [];
    const toWorkers = [];
    const toJobs = [];
    const sentBefore = service.sent;
    const t0 = Date.now();
    for (let i = 0; i < trials; i++) toggles.push(await clickToFrame(page, details, { selector: '[aria-label="Details of Copy batch 1"]', attribute: 'aria-expanded', value: String(i % 2 === 0) }));
    for (let i = 0; i < trials / 2; i++) {
      toWorkers.push(await clickToFrame(page, link.workers, { selector: '#workers-title' }));
      toJobs.push(await clickToFrame(page, link.jobs, { selector: '#jobs-title' }));
    }
    const fps = await page.evaluate(() => new Promise((resolve) => {
      let frames = 0;
      const start = performance.now();
      const tick = () => (performance.now() - start < 1000 ? (frames++, requestAnimationFrame(tick)) : resolve(frames));
      requestAnimationFrame(tick);
    }));
    const eventsPerSecond = Math.round(((service.sent - sentBefore) * 1000) / (Date.now() - t0));
    views.push(...toWorkers, ...toJobs);
    const all = [...toggles, ...views].sort((a, b) => a - b);
    const result = { workload, clicks: all.length, p50: pct(all, 0.5), p95: pct(all, 0.95), max: round(all.at(-1)), toggleP95: pct(toggles.sort((a, b) => a - b), 0.95), viewSwitchP95: pct(views.sort((a, b) => a - b), 0.95), toWorkersP50: pct(toWorkers.sort((a, b) => a - b), 0.5), toJobsP50: pct(toJobs.sort((a, b) => a - b), 0.5), fps, jobUpdatesPerSecond: eventsPerSecond, jobs: 2000 };
    console.log(JSON.stringify(result));
    return result;
  } finally {
    await page.close();
    await server.close();
    await service.close();
  }
}

// Real input (a mouse click through the browser's input pipeline), timed in the page from the
// click event's timestamp to the first animation frame after the DOM shows the answer.
async function clickToFrame(page, locator, done) {
  const box = await locator.boundingBox();
  await page.evaluate((done) => {
    window.__clickLatency = new Promise((resolve) => {
      addEventListener('click', (event) => {
        const clicked = event.timeStamp;
        const shown = () => {
          const element = document.querySelector(done.selector);
          return element !== null && (!done.attribute || element.getAttribute(done.attribute) === done.value);
        };
        const check = () => (shown() ? requestAnimationFrame((frame) => resolve(frame - clicked)) : setTimeout(check, 0));
        queueMicrotask(check);
      }, { once: true, capture: true });
    });
  }, done);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  return round(await page.evaluate(() => window.__clickLatency));
}

function pct(sorted, q) {
  return round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
}
function round(n) {
  return Math.round(n * 10) / 10;
}
