import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkerInfo } from '../../../src/main/pool/pool-worker.js';
import { jobsHarness, waitFor, type JobsHarness } from './jobs-fixture.js';

const module = fileURLToPath(new URL('../../fixtures/compute-module.mjs', import.meta.url));

let h: JobsHarness;
afterEach(async () => {
  await h.close();
});

function results(id: number): Array<string | null> {
  return [...h.jobs.results(id)].map((item) => item.result);
}

describe('compute jobs: an export mapped over inputs, results in input order', () => {
  it('over a range (END excluded, as Python range)', async () => {
    h = jobsHarness();
    const job = await h.jobs.submit({ kind: 'compute', task: { module, name: 'slowSquare' }, inputs: { type: 'range', start: -3, end: 40 }, chunksize: 4 });
    expect(await h.jobs.wait(job.id)).toMatchObject({ status: 'done', itemsTotal: 43, itemsDone: 43 });
    expect(results(job.id)).toEqual(Array.from({ length: 43 }, (_, i) => String((i - 3) ** 2)));
  });

  it('slow inputs go one to a task, so the count moves and a pause loses little (Python\'s chunksize would put 5 in each)', async () => {
    h = jobsHarness();
    writeFileSync(join(h.root, 'waits.json'), JSON.stringify(Array.from({ length: 12 }, () => 300)));
    let tasks = 0;
    // The tasks of the job's inputs (tagged jN.M), not the looks at its module when it is submitted and starts.
    h.pool.on('task:end', (event) => {
      if (event.tag !== undefined && /^j\d+\.\d+$/.test(event.tag)) tasks++;
    });
    const job = await h.jobs.submit({ kind: 'compute', task: { module, name: 'sleepFor' }, inputs: { type: 'path', path: join(h.root, 'waits.json') } });
    expect(await h.jobs.wait(job.id)).toMatchObject({ status: 'done', itemsDone: 12 });
    expect(tasks).toBe(12);
  });

  it("the job's events count inputs as they finish, not only when the job ends", async () => {
    h = jobsHarness();
    writeFileSync(join(h.root, 'waits.json'), JSON.stringify([0, 0, 3000]));
    const job = await h.jobs.submit({ kind: 'compute', task: { module, name: 'sleepFor' }, inputs: { type: 'path', path: join(h.root, 'waits.json') } });
    const counted = await waitFor(() => h.events.find((event) => event.id === job.id && event.itemsDone === 2), 2500);
    expect(counted.status).toBe('running');
    expect(await h.jobs.wait(job.id)).toMatchObject({ status: 'done', itemsDone: 3 });
  });

  it('quick inputs go many to a task after the first', async () => {
    h = jobsHarness();
    let tasks = 0;
    // The tasks of the job's inputs (tagged jN.M), not the looks at its module when it is submitted and starts.
    h.pool.on('task:end', (event) => {
      if (event.tag !== undefined && /^j\d+\.\d+$/.test(event.tag)) tasks++;
    });
    const job = await h.jobs.submit({ kind: 'compute', task: { module, name: 'square' }, inputs: { type: 'range', start: 0, end: 2000 } });
    expect(await h.jobs.wait(job.id)).toMatchObject({ status: 'done', itemsDone: 2000 });
    expect(tasks).toBeLessThan(100);
  });

  it('over a JSON array file: a failing input is recorded with its message and the rest goes on', async () => {
    h = jobsHarness();
    writeFileSync(join(h.root, 'inputs.json'), JSON.stringify([1, 2, 3, 4, 5]));
    const job = await h.jobs.submit({ kind: 'compute', task: { module, name: 'failOnThree' }, inputs: { type: 'path', path: join(h.root, 'inputs.json') } });
    const end = await h.jobs.wait(job.id);
    expect(end).toMatchObject({ status: 'failed', itemsDone: 4, itemsFailed: 1, message: '1 of 5 items failed' });
    expect(h.jobs.get(job.id).failures).toEqual([{ item: '3', message: 'RangeError: three is not welcome (got 3)' }]);
    expect(results(job.id)).toEqual(['{"input":1,"double":2}', '{"input":2,"double":4}', null, '{"input":4,"double":8}', '{"input":5,"double":10}']);
  });

  it('over the lines of a text file; values JSON cannot hold become JSON', async () => {
    h = jobsHarness();
    writeFileSync(join(h.root, 'lines.txt'), 'one\ntwo two\n\nlast\n');
    const lengths = await h.jobs.submit({ kind: 'compute', task: { module, name: 'length' }, inputs: { type: 'path', path: join(h.root, 'lines.txt') } });
    await h.jobs.wait(lengths.id);
    expect(results(lengths.id)).toEqual(['3', '7', '0', '4']);
    const described = await h.jobs.submit({ kind: 'compute', task: { module, name: 'describe' }, inputs: { type: 'path', path: join(h.root, 'lines.txt') } });
    await h.jobs.wait(described.id);
    expect(JSON.parse(results(described.id)[0]!)).toEqual({ type: 'string', value: 'one', big: '18446744073709551616' });
  });

  it('built-in: the SHA-256 of every file in a folder', async () => {
    h = jobsHarness();
    const folder = h.folder('files');
    mkdirSync(join(folder, 'sub'));
    const files = { 'a.txt': 'alpha', 'sub/b.txt': 'beta', 'c.bin': 'x'.repeat(100_000) };
    for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
    const job = await h.jobs.submit({ kind: 'compute', task: { builtin: 'sha256' }, inputs: { type: 'path', path: folder } });
    expect(await h.jobs.wait(job.id)).toMatchObject({ status: 'done', itemsTotal: 3, bytesTotal: 100_009, bytesDone: 100_009 });
    const byPath = Object.fromEntries([...h.jobs.results(job.id)].map((item) => [item.path, JSON.parse(item.result!) as string]));
    for (const [name, content] of Object.entries(files)) {
      expect(byPath[name]).toBe(createHash('sha256').update(content).digest('hex'));
    }
  });

  it('built-in: counting primes in ranges, on every worker', async () => {
    h = jobsHarness();
    const pids = new Set<number>();
    h.pool.on('task:start', ({ pid }) => pids.add(pid));
    const job = await h.jobs.submit({ kind: 'compute', task: { builtin: 'primes' }, inputs: { type: 'range', start: 0, end: 1_000_000 }, chunksize: 1 });
    expect(await h.jobs.wait(job.id)).toMatchObject({ status: 'done', itemsTotal: 10 });
    expect(results(job.id).reduce((sum, count) => sum + Number(count), 0)).toBe(78_498);
    expect(pids.size).toBe(2);
  });

  it('a module with a syntax error is bad input that says the line', async () => {
    h = jobsHarness();
    const broken = join(h.root, 'broken.mjs');
    writeFileSync(broken, 'export function f(x) {\n  return x +;\n}\n');
    const error = await h.jobs.submit({ kind: 'compute', task: { module: broken, name: 'f' }, inputs: { type: 'range', start: 0, end: 3 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'JobInputError', field: 'task.module', message: expect.stringContaining(`cannot load the module ${broken}: SyntaxError: Unexpected token ';' (line 2: return x +;)`) as string });
  });

  it.each([
    ['a missing module', { module: '/nowhere/module.mjs', name: 'square' }, 'task.module', /does not exist/],
    ['a missing export', { module, name: 'cube' }, 'task.name', /no exported function 'cube' \(it exports: .*square/],
    ['an export that is not a function', { module, name: 'notAFunction' }, 'task.name', /exports 'notAFunction', but it is a number, not a function/],
  ])('%s is bad input: a JobInputError naming the field, and no job', async (_what, task, field, message) => {
    h = jobsHarness();
    const error = await h.jobs.submit({ kind: 'compute', task, inputs: { type: 'range', start: 0, end: 3 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'JobInputError', field, message: expect.stringMatching(message) as string });
    expect(h.jobs.list()).toEqual([]);
  });

  it.each([
    ['a missing inputs file', (root: string) => ({ type: 'path' as const, path: join(root, 'none.json') }), /do not exist/],
    ['a JSON file that is not an array', (root: string) => ({ type: 'path' as const, path: join(root, 'object.json') }), /holds an object, not an array/],
    ['a JSON file that does not parse', (root: string) => ({ type: 'path' as const, path: join(root, 'broken.json') }), /is not valid JSON/],
    ['a range that ends before it starts', () => ({ type: 'range' as const, start: 5, end: 2 }), /ends before it starts/],
    ['a range of more numbers than a job holds', () => ({ type: 'range' as const, start: 0, end: 5_000_001 }), /has 5,000,001 numbers; at most 5,000,000 items fit in one job/],
  ])('%s is bad input', async (_what, inputs, message) => {
    h = jobsHarness();
    writeFileSync(join(h.root, 'object.json'), '{"a": 1}');
    writeFileSync(join(h.root, 'broken.json'), '[1, 2');
    const error = await h.jobs.submit({ kind: 'compute', task: { module, name: 'square' }, inputs: inputs(h.root) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'JobInputError', message: expect.stringMatching(message) as string });
    expect(readFileSync(join(h.root, 'object.json'), 'utf8')).toBe('{"a": 1}');
  });
});

describe('how many items a range makes', () => {
  it('counting primes takes a range 100,000 numbers an item, so a range far over 5,000,000 numbers is fine', async () => {
    h = jobsHarness();
    const primes = { kind: 'compute' as const, task: { builtin: 'primes' as const } };
    expect(await h.jobs.validate({ ...primes, inputs: { type: 'range', start: 0, end: 30_000_000 } })).toMatchObject({ ok: true });
    const tooMany = await h.jobs.validate({ ...primes, inputs: { type: 'range', start: 0, end: 500_000_000_001 } });
    expect(JSON.stringify(tooMany)).toMatch(/has 5,000,001 items of 100,000 numbers; at most 5,000,000 items fit in one job/);
  });
});

describe('stopping a compute job', () => {
  it('a pause stops a chunk between its inputs: its workers stay, none is killed for running on', async () => {
    h = jobsHarness();
    writeFileSync(join(h.root, 'waits.json'), JSON.stringify(Array.from({ length: 40 }, () => 100)));
    const job = await h.jobs.submit({ kind: 'compute', task: { module, name: 'sleepFor' }, inputs: { type: 'path', path: join(h.root, 'waits.json') }, chunksize: 20 });
    await waitFor(() => h.pool.workers().some((worker) => worker.tag?.startsWith(`j${job.id}.`)) || undefined);
    const pids = h.pool.workers().map((worker) => worker.pid).sort();
    expect(await h.jobs.pause(job.id)).toMatchObject({ status: 'interrupted' });
    expect(h.pool.workers().map((worker) => worker.pid).sort()).toEqual(pids);
  });

  it('pause and cancel answer once no worker still runs the job, a task that never looks at its signal included', async () => {
    h = jobsHarness();
    for (const stop of ['pause', 'cancel'] as const) {
      const job = await h.jobs.submit({ kind: 'compute', task: { module, name: 'busyFor' }, inputs: { type: 'range', start: 400, end: 402 }, chunksize: 1 });
      const runsOurs = (worker: WorkerInfo) => worker.tag?.startsWith(`j${job.id}.`) === true;
      await waitFor(() => h.pool.workers().some(runsOurs) || undefined);
      const stopped = await h.jobs[stop](job.id);
      expect(stopped.status).toBe(stop === 'pause' ? 'interrupted' : 'cancelled');
      expect(h.pool.workers().filter(runsOurs)).toEqual([]);
    }
  });
});
