/**
 * jobResults: a compute job's results a page at a time, through the real service on a real
 * database: inputs as JSON text (a range's derived from seq), results and errors, the page
 * boundaries, a million-input job read a page at a time, and the errors of bad requests.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCoreService } from '../../../src/main/api/create-core-service.js';
import { resultTextLimit, type CoreService, type JobSummary } from '../../../src/shared/api.js';
import { removeTree, scratch } from '../../fixtures/jobs-tree.js';
import { manyFiles } from '../../fixtures/many-files.js';

const module = fileURLToPath(new URL('../../fixtures/compute-module.mjs', import.meta.url));

let root: string;
let api: CoreService;
beforeEach(async () => {
  root = scratch('procpool-results-');
  // One job at a time: a second one waits, Queued.
  api = await createCoreService({ dbPath: join(root, 'state.db'), processes: 2, jobs: { maxRunning: 1 } });
});
afterEach(async () => {
  await api.close();
  removeTree(root);
});

/** Resolves with the job's summary once `match` accepts it (its events, or its state now). */
function until(id: number, match: (job: JobSummary) => boolean, timeoutMs = 20_000): Promise<JobSummary> {
  return new Promise((resolve, reject) => {
    const settle = (job: JobSummary): void => {
      clearTimeout(timer);
      off();
      resolve(job);
    };
    const timer = setTimeout(() => {
      off();
      reject(new Error(`job ${id} did not get there within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = api.on('jobs', (jobs) => {
      const job = jobs.find((j) => j.id === id);
      if (job && match(job)) settle(job);
    });
    void api.getJob(id).then((job) => match(job) && settle(job));
  });
}

/** Polls `find` every 20 ms until it gives something. */
async function eventually<T>(find: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`nothing found within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const ended = (job: JobSummary) => !['queued', 'running'].includes(job.status);

describe('jobResults: a compute job’s results, a page at a time', () => {
  it('pages through inputs in order; a failed input carries its error; the last page says there is no next', async () => {
    writeFileSync(join(root, 'inputs.json'), JSON.stringify([1, 2, 3, 'four', 5]));
    const job = await api.submitJob({ kind: 'compute', task: { module, name: 'failOnThree' }, inputs: { type: 'path', path: join(root, 'inputs.json') } });
    await until(job.id, ended);

    const first = await api.jobResults(job.id, 0, 2);
    expect(first).toEqual({
      items: [
        { seq: 0, input: '1', state: 'done', result: '{"input":1,"double":2}' },
        { seq: 1, input: '2', state: 'done', result: '{"input":2,"double":4}' },
      ],
      nextSeq: 2,
      total: 5,
    });
    const second = await api.jobResults(job.id, first.nextSeq!, 2);
    expect(second.items).toEqual([
      { seq: 2, input: '3', state: 'failed', error: 'RangeError: three is not welcome (got 3)' },
      { seq: 3, input: '"four"', state: 'done', result: '{"input":"four","double":null}' },
    ]);
    expect(second.nextSeq).toBe(4);
    expect(await api.jobResults(job.id, 4, 2)).toEqual({ items: [{ seq: 4, input: '5', state: 'done', result: '{"input":5,"double":10}' }], nextSeq: null, total: 5 });
    // A page that ends exactly at the last input has no next page either.
    expect((await api.jobResults(job.id, 3, 2)).nextSeq).toBeNull();
    expect(await api.jobResults(job.id, 5, 100)).toEqual({ items: [], nextSeq: null, total: 5 });
    expect(await api.jobResults(job.id, 1_000_000, 1)).toEqual({ items: [], nextSeq: null, total: 5 });
    expect((await api.jobResults(job.id, 0, 1000)).items.map((item) => item.seq)).toEqual([0, 1, 2, 3, 4]);
  });

  it("a range's inputs are its numbers, derived from seq", async () => {
    const job = await api.submitJob({ kind: 'compute', task: { module, name: 'square' }, inputs: { type: 'range', start: -3, end: 4 } });
    await until(job.id, ended);
    const page = await api.jobResults(job.id, 2, 3);
    expect(page).toEqual({
      items: [
        { seq: 2, input: '-1', state: 'done', result: '1' },
        { seq: 3, input: '0', state: 'done', result: '0' },
        { seq: 4, input: '1', state: 'done', result: '1' },
      ],
      nextSeq: 5,
      total: 7,
    });
  });

  it('the built-in tasks: primes shows each stretch of the range, sha256 each file’s full path', async () => {
    const primes = await api.submitJob({ kind: 'compute', task: { builtin: 'primes' }, inputs: { type: 'range', start: 0, end: 250_000 } });
    await until(primes.id, ended);
    expect((await api.jobResults(primes.id, 0, 10)).items).toEqual([
      { seq: 0, input: '[0,100000]', state: 'done', result: '9592' },
      { seq: 1, input: '[100000,200000]', state: 'done', result: '8392' },
      { seq: 2, input: '[200000,250000]', state: 'done', result: '4060' },
    ]);
    const folder = join(root, 'files');
    manyFiles(folder, 3, 1);
    const hashes = await api.submitJob({ kind: 'compute', task: { builtin: 'sha256' }, inputs: { type: 'path', path: folder } });
    await until(hashes.id, ended);
    const page = await api.jobResults(hashes.id, 0, 10);
    expect(page.total).toBeGreaterThan(0);
    for (const item of page.items) {
      expect(JSON.parse(item.input)).toMatch(new RegExp(`^${folder}/`));
      expect(item).toMatchObject({ state: 'done', result: expect.stringMatching(/^"[0-9a-f]{64}"$/) as string });
    }
  });

  it('cuts a long result at the limit and says so', async () => {
    const long = 'x'.repeat(resultTextLimit * 3);
    writeFileSync(join(root, 'long.txt'), `${long}\nshort\n`);
    const job = await api.submitJob({ kind: 'compute', task: { module, name: 'length' }, inputs: { type: 'path', path: join(root, 'long.txt') } });
    await until(job.id, ended);
    const [cut, whole] = (await api.jobResults(job.id, 0, 2)).items;
    expect(cut).toMatchObject({ result: String(long.length), truncated: true });
    expect(cut!.input).toHaveLength(resultTextLimit);
    expect(cut!.input.endsWith('x…')).toBe(true);
    expect(whole).toEqual({ seq: 1, input: '"short"', state: 'done', result: '5' });
  });

  it('a job with a million inputs: any page is read by seq, without reading the rest', async () => {
    const job = await api.submitJob({ kind: 'compute', task: { module, name: 'sleepFor' }, inputs: { type: 'range', start: 1000, end: 1_001_000 } });
    await until(job.id, (j) => j.itemsTotal === 1_000_000, 60_000);
    await api.pauseJob(job.id);
    const started = performance.now();
    const tail = await api.jobResults(job.id, 999_998, 1000);
    const far = await api.jobResults(job.id, 500_000, 1000);
    const elapsed = performance.now() - started;
    expect(tail).toEqual({
      items: [
        { seq: 999_998, input: '1000998', state: 'pending' },
        { seq: 999_999, input: '1000999', state: 'pending' },
      ],
      nextSeq: null,
      total: 1_000_000,
    });
    expect(far.items).toHaveLength(1000);
    expect(far.items[0]).toEqual({ seq: 500_000, input: '501000', state: 'pending' });
    expect(far.nextSeq).toBe(501_000);
    // Reading all million rows takes a second or more here; two pages take a few milliseconds.
    expect(elapsed).toBeLessThan(300);
  }, 90_000);

  it('a queued job has no inputs yet; a running one shows the inputs not done as pending', async () => {
    const job = await api.submitJob({ kind: 'compute', task: { module, name: 'sleepFor' }, inputs: { type: 'path', path: writeWaits([0, 0, 5000]) } });
    const queued = await api.submitJob({ kind: 'compute', task: { module, name: 'square' }, inputs: { type: 'range', start: 0, end: 10 } });
    expect(queued.status).toBe('queued');
    expect(await api.jobResults(queued.id, 0, 10)).toEqual({ items: [], nextSeq: null, total: 0 });
    // Read while the last input runs (the results, not the job's counters: they may be sent later).
    const running = await eventually(async () => {
      const page = await api.jobResults(job.id, 0, 10);
      return page.items.filter((item) => item.state === 'done').length === 2 ? page : undefined;
    });
    expect((await api.getJob(job.id)).status).toBe('running');
    expect(running.items).toEqual([
      { seq: 0, input: '0', state: 'done', result: '0' },
      { seq: 1, input: '0', state: 'done', result: '0' },
      { seq: 2, input: '5000', state: 'pending' },
    ]);
    await api.cancelJob(job.id);
    await api.cancelJob(queued.id);
  });

  it('refuses a copy job, an unknown job and bad arguments, saying what and where', async () => {
    const source = join(root, 'source');
    manyFiles(source, 2, 1);
    const copy = await api.submitJob({ kind: 'copy', source, destination: join(root, 'copy') });
    await until(copy.id, ended);
    await expect(api.jobResults(copy.id, 0, 10)).rejects.toMatchObject({ name: 'JobInputError', message: `job ${copy.id} is a copy job: results exist for compute jobs only (a copy's failed items are in its details).` });
    await expect(api.jobResults(42, 0, 10)).rejects.toMatchObject({ name: 'JobInputError', message: expect.stringContaining('there is no job 42') as string });
    await expect(api.jobResults(copy.id, 0, 0)).rejects.toMatchObject({ name: 'ValueError', message: expect.stringMatching(/^jobResults: argument 3: .*>=1/) as string });
    await expect(api.jobResults(copy.id, 0, 1001)).rejects.toMatchObject({ name: 'ValueError', message: expect.stringMatching(/^jobResults: argument 3: .*<=1000/) as string });
    await expect(api.jobResults(copy.id, -1, 10)).rejects.toMatchObject({ name: 'ValueError', message: expect.stringMatching(/^jobResults: argument 2: .*>=0/) as string });
    await expect(api.jobResults(copy.id, 1.5, 10)).rejects.toMatchObject({ name: 'ValueError', message: expect.stringContaining('argument 2') as string });
    await expect(api.jobResults(0, 0, 10)).rejects.toMatchObject({ name: 'ValueError', message: expect.stringContaining('argument 1') as string });
  });
});

function writeWaits(waits: number[]): string {
  const path = join(root, 'waits.json');
  writeFileSync(path, JSON.stringify(waits));
  return path;
}
