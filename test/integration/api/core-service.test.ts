import { getPriority } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvents, CoreService, EventName, JobSummary } from '../../../src/shared/api.js';
import { createCoreService } from '../../../src/main/api/create-core-service.js';
import { Manager } from '../../../src/main/state/index.js';
import { pidAlive } from '../../helpers.js';
import { differences, removeTree, scratch, snapshot } from '../../fixtures/jobs-tree.js';
import { cli } from '../cli/cli-runner.js';
import { manyFiles } from '../../fixtures/many-files.js';

const module = fileURLToPath(new URL('../../fixtures/compute-module.mjs', import.meta.url));

let root: string;
let service: CoreService | undefined;
beforeEach(() => {
  root = scratch('procpool-api-');
});
afterEach(async () => {
  await service?.close();
  service = undefined;
  removeTree(root);
});

function start(options: Parameters<typeof createCoreService>[0] = { dbPath: join(root, 'state.db'), processes: 2 }): Promise<CoreService> {
  return createCoreService(options).then((created) => (service = created));
}

/** Resolves with the first payload of `event` that `match` accepts. */
function next<E extends EventName, T>(api: CoreService, event: E, match: (payload: ApiEvents[E]) => T | undefined, timeoutMs = 15_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching '${event}' event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = api.on(event, (payload) => {
      const found = match(payload);
      if (found === undefined) return;
      clearTimeout(timer);
      off();
      resolve(found);
    });
  });
}

const jobIn = (id: number, status?: string) => (jobs: JobSummary[]) => jobs.find((job) => job.id === id && (!status || job.status === status));

function tree(count: number): string {
  const source = join(root, 'source');
  manyFiles(source, count, 5);
  return source;
}

describe('the API service: jobs', () => {
  it('submitJob runs a copy; job events (throttled) follow it to Done; listJobs and getJob tell its story', async () => {
    const api = await start();
    const source = tree(200);
    const destination = join(root, 'copy');
    const updates: JobSummary[] = [];
    api.on('jobs', (jobs) => updates.push(...jobs));
    const submitted = await api.submitJob({ kind: 'copy', source, destination });
    const done = await next(api, 'jobs', jobIn(submitted.id, 'done'));
    expect(done).toMatchObject({ itemsDone: 205, itemsTotal: 205, bytesDone: done.bytesTotal });
    expect(updates.length).toBeLessThan(40);
    expect(differences(snapshot(source), snapshot(destination))).toEqual([]);
    expect(await api.listJobs({})).toEqual([expect.objectContaining({ id: submitted.id, status: 'done' })]);
    expect(await api.listJobs({ status: 'failed' })).toEqual([]);
    expect(await api.listJobs({ kind: 'copy', search: 'source' })).toHaveLength(1);
    expect(await api.getJob(submitted.id)).toMatchObject({ id: submitted.id, failures: [] });
    expect(await api.revealDestination(submitted.id)).toEqual({ path: destination });
  });

  it('validateJob answers field by field; bad arguments are refused with clear errors', async () => {
    const api = await start();
    expect(await api.validateJob({ kind: 'copy', source: '', destination: join(root, 'x') })).toEqual({ ok: false, errors: [{ field: 'source', message: expect.any(String) as string }] });
    expect(await api.validateJob({ kind: 'copy', source: join(root, 'nope'), destination: join(root, 'x') })).toMatchObject({ ok: false, errors: [{ field: 'source' }] });
    expect(await api.validateJob({ kind: 'compute', task: { module, name: 'cube' }, inputs: { type: 'range', start: 0, end: 3 } })).toMatchObject({
      ok: false,
      errors: [{ field: 'task.name', message: expect.stringContaining("no exported function 'cube'") as string }],
    });
    expect(await api.validateJob({ kind: 'compute', task: { module, name: 'square' }, inputs: { type: 'range', start: 0, end: 3 } })).toEqual({ ok: true });
    // A path typed into the app: no working folder to start a relative one at; ~ is the home folder.
    expect(await api.validateJob({ kind: 'copy', source: 'src/sub', destination: join(root, 'x') })).toEqual({
      ok: false,
      errors: [{ field: 'source', message: '"src/sub" is not a full path: start it at the root (/…) or at your home folder (~/…).' }],
    });
    expect(await api.validateJob({ kind: 'compute', task: { module, name: 'square' }, inputs: { type: 'path', path: 'inputs.json' } })).toMatchObject({ ok: false, errors: [{ field: 'inputs.path' }] });
    expect(await api.validateJob({ kind: 'copy', source: join(root), destination: '~/procpool-test-never-made/x' })).toEqual({ ok: true });
    await expect(api.submitJob({ kind: 'copy', source: '', destination: '' } as never)).rejects.toMatchObject({ name: 'JobInputError' });
    await expect(api.getJob(0)).rejects.toMatchObject({ name: 'ValueError', message: expect.stringContaining('getJob') as string });
    await expect(api.getJob(42)).rejects.toMatchObject({ name: 'JobInputError', message: expect.stringContaining('there is no job 42') as string });
    await expect((api.listWorkers as (...args: unknown[]) => Promise<unknown>)('extra')).rejects.toMatchObject({ name: 'ValueError' });
  });

  it('compute jobs: a failing input fails the job; retryFailed runs it again; a compute job has no destination', async () => {
    const api = await start();
    writeFileSync(join(root, 'inputs.json'), '[1, 3]');
    const job = await api.submitJob({ kind: 'compute', task: { module, name: 'failOnThree' }, inputs: { type: 'path', path: join(root, 'inputs.json') } });
    await next(api, 'jobs', jobIn(job.id, 'failed'));
    expect((await api.getJob(job.id)).failures).toEqual([{ item: '3', message: 'RangeError: three is not welcome (got 3)' }]);
    const retried = await api.retryFailed(job.id);
    expect(['queued', 'running']).toContain(retried.status);
    expect(await next(api, 'jobs', jobIn(job.id, 'failed'))).toMatchObject({ itemsDone: 1, itemsFailed: 1 });
    await expect(api.revealDestination(job.id)).rejects.toMatchObject({ name: 'ValueError' });
  });

  it('pauseJob leaves it Interrupted ("paused"), resumeJob finishes it, cancelJob cancels another', async () => {
    const api = await start({ dbPath: join(root, 'state.db'), processes: 2, jobs: { dispatchDelayMs: 10, copyBatchFiles: 1 } });
    const source = tree(60);
    const job = await api.submitJob({ kind: 'copy', source, destination: join(root, 'a') });
    await next(api, 'jobs', (jobs) => jobs.find((j) => j.id === job.id && j.itemsDone >= 5));
    expect(await api.pauseJob(job.id)).toMatchObject({ status: 'interrupted', message: 'paused' });
    await api.resumeJob(job.id);
    await next(api, 'jobs', jobIn(job.id, 'done'));
    expect(differences(snapshot(source), snapshot(join(root, 'a')))).toEqual([]);
    const other = await api.submitJob({ kind: 'copy', source, destination: join(root, 'b') });
    expect(await api.cancelJob(other.id)).toMatchObject({ status: 'cancelled' });
    await expect(api.cancelJob(other.id)).rejects.toMatchObject({ name: 'JobInputError', message: expect.stringContaining('already Cancelled') as string });
  });

  it('a job started from the command line on the same database shows up in the events and the list', async () => {
    const api = await start();
    const source = tree(10);
    const seen = next(api, 'jobs', (jobs) => jobs.find((job) => job.status === 'done'));
    const run = await cli(['copy', source, join(root, 'from-cli'), '--db', join(root, 'state.db')]);
    expect(run.code).toBe(0);
    expect(await seen).toMatchObject({ kind: 'copy', spec: { destination: join(root, 'from-cli') } });
    expect(await api.listJobs({})).toHaveLength(1);
  });
});

describe('the API service: workers, settings, shared state', () => {
  it('listWorkers: a row per PID with CPU and memory; killWorker replaces the worker; workers events come twice a second', async () => {
    const api = await start();
    const first = await api.listWorkers();
    expect(first.pool.size).toBe(2);
    expect(first.workers).toHaveLength(2);
    const snapshot = await next(api, 'workers', (payload) => (payload.workers.length === 2 && payload.workers.every((w) => w.state === 'idle') ? payload : undefined));
    for (const worker of snapshot.workers) expect(worker).toMatchObject({ pid: expect.any(Number) as number, cpuPercent: expect.any(Number) as number, tasksDone: expect.any(Number) as number });
    expect(snapshot.workers.every((worker) => worker.rssBytes > 1_000_000)).toBe(true);
    const victim = snapshot.workers[0]!.pid;
    await api.killWorker(victim);
    expect(pidAlive(victim)).toBe(false);
    const after = await next(api, 'workers', (payload) => (payload.workers.length === 2 && !payload.workers.some((w) => w.pid === victim) ? payload : undefined));
    expect(after.workers.map((w) => w.pid)).toContain(snapshot.workers[1]!.pid);
    await expect(api.terminateWorker(1)).rejects.toMatchObject({ name: 'ValueError', message: expect.stringContaining('no worker with pid 1') as string });
  });

  it('settings: persisted, pool size applied live, nice applied to every worker, the default conflict policy used', async () => {
    const dbPath = join(root, 'state.db');
    let api = await start({ dbPath });
    expect(await api.getSettings()).toMatchObject({ retries: 2, taskTimeoutMs: null, workerNice: 0, defaultConflict: 'fail', databasePath: dbPath });
    const told = next(api, 'settings', (settings) => (settings.poolSize === 3 ? settings : undefined));
    expect(await api.updateSettings({ poolSize: 3, workerNice: 5, defaultConflict: 'skip' })).toMatchObject({ poolSize: 3, workerNice: 5 });
    await told;
    const workers = (await api.listWorkers()).workers;
    expect(workers).toHaveLength(3);
    for (const worker of workers) expect(getPriority(worker.pid)).toBe(5);
    await expect(api.updateSettings({ poolSize: 0 })).rejects.toMatchObject({ name: 'ValueError', message: expect.stringContaining('poolSize') as string });
    await api.close();
    api = await start({ dbPath });
    expect(await api.getSettings()).toMatchObject({ poolSize: 3, workerNice: 5, defaultConflict: 'skip' });
    const source = tree(3);
    const destination = join(root, 'dest');
    mkdirSync(join(destination, 'folder-0'), { recursive: true });
    writeFileSync(join(destination, 'folder-0', 'file-0.txt'), 'mine');
    const job = await api.submitJob({ kind: 'copy', source, destination });
    expect(job.spec).toMatchObject({ onConflict: 'skip' });
    expect(await next(api, 'jobs', jobIn(job.id, 'done'))).toMatchObject({ itemsSkipped: 1 });
  });

  it('settings applied to running work: max tasks per worker replaces workers; a task timeout fails a slow input; retries', async () => {
    const api = await start();
    const before = new Set((await api.listWorkers()).workers.map((worker) => worker.pid));
    await api.updateSettings({ maxTasksPerWorker: 1, taskTimeoutMs: 200, retries: 0 });
    writeFileSync(join(root, 'inputs.json'), JSON.stringify([1, 2, 3, 4, 5, 6]));
    const job = await api.submitJob({ kind: 'compute', task: { module, name: 'square' }, inputs: { type: 'path', path: join(root, 'inputs.json') }, chunksize: 1 });
    expect(await next(api, 'jobs', jobIn(job.id, 'done'))).toMatchObject({ itemsDone: 6 });
    const after = (await api.listWorkers()).workers.map((worker) => worker.pid);
    expect(after.some((pid) => before.has(pid))).toBe(false);
    const slow = await api.submitJob({ kind: 'compute', task: { module, name: 'sleepFor' }, inputs: { type: 'range', start: 1000, end: 1001 } });
    await next(api, 'jobs', jobIn(slow.id, 'failed'));
    expect((await api.getJob(slow.id)).failures).toEqual([{ item: '1000', message: expect.stringMatching(/^TimeoutError: .*did not finish within 200 ms/) as string }]);
  });

  it("sharedState: the Manager's named objects with kind, size and a preview; a value has no size", async () => {
    const dbPath = join(root, 'state.db');
    const manager = await Manager.start({ path: dbPath });
    await manager.dict('config').update({ theme: 'dark', size: 3 });
    await manager.list<number>('log').extend([1, 2, 3, 4]);
    await manager.value('seen', 4182).get();
    await manager.shutdown();
    const api = await start({ dbPath, processes: 1 });
    expect(await api.sharedState()).toEqual([
      { name: 'config', kind: 'dict', size: 2, preview: expect.stringContaining('theme') as string },
      { name: 'log', kind: 'list', size: 4, preview: '[1, 2, 3, 4]' },
      { name: 'seen', kind: 'value', size: null, preview: '4182' },
    ]);
  });
});
