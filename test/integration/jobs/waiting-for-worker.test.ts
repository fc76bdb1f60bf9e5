import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { waitingMessage } from '../../../src/main/jobs/job-run.js';
import { jobsHarness, waitFor, type JobsHarness } from './jobs-fixture.js';

const module = fileURLToPath(new URL('../../fixtures/compute-module.mjs', import.meta.url));
const waiting = /^waiting for a free worker: the only one is busy$/;

let h: JobsHarness;
afterEach(async () => {
  await h.close();
});

describe('a running job whose tasks wait behind other jobs says so', () => {
  it('a copy queued behind a compute job holding the only worker waits, then scans and copies', async () => {
    h = jobsHarness({}, 1);
    writeFileSync(join(h.root, 'waits.json'), JSON.stringify([2500]));
    const busy = await h.jobs.submit({ kind: 'compute', task: { module, name: 'sleepFor' }, inputs: { type: 'path', path: join(h.root, 'waits.json') } });
    await waitFor(() => h.pool.workers().find((worker) => worker.tag?.startsWith(`j${busy.id}.`)));
    const source = h.folder('source');
    writeFileSync(join(source, 'a.txt'), 'a');
    const copy = await h.jobs.submit({ kind: 'copy', source, destination: join(h.root, 'destination') });

    const said = await waitFor(() => h.events.find((event) => event.id === copy.id && waiting.test(event.message ?? '')), 5000);
    expect(said.status).toBe('running');
    // Waiting, it has no rate nor time left to show (any it had was measured while it moved).
    expect(said.rate).toBeUndefined();
    expect(said.etaMs).toBeUndefined();
    // The compute job itself has its worker: it never says it waits.
    expect(h.events.filter((event) => event.id === busy.id).some((event) => waiting.test(event.message ?? ''))).toBe(false);

    expect(await h.jobs.wait(copy.id)).toMatchObject({ status: 'done', itemsDone: 1 });
    expect(h.jobs.summary(copy.id).message).toBeUndefined();
  });

  it('a compute job that moved, then waits behind another, shows no rate nor time left while it waits', async () => {
    h = jobsHarness({}, 1);
    writeFileSync(join(h.root, 'quick.json'), JSON.stringify(Array.from({ length: 20 }, () => 150)));
    writeFileSync(join(h.root, 'long.json'), JSON.stringify([3000]));
    const moving = await h.jobs.submit({ kind: 'compute', task: { module, name: 'sleepFor' }, inputs: { type: 'path', path: join(h.root, 'quick.json') } });
    await waitFor(() => h.events.find((event) => event.id === moving.id && event.rate !== undefined && event.rate > 0));
    await h.jobs.submit({ kind: 'compute', task: { module, name: 'sleepFor' }, inputs: { type: 'path', path: join(h.root, 'long.json') } });
    const said = await waitFor(() => h.events.find((event) => event.id === moving.id && waiting.test(event.message ?? '')), 5000);
    expect(said).toMatchObject({ status: 'running' });
    expect(said.rate).toBeUndefined();
    expect(said.etaMs).toBeUndefined();
    expect(await h.jobs.wait(moving.id)).toMatchObject({ status: 'done', itemsDone: 20 });
  });

  it('a job whose tasks run at once never says it waits', async () => {
    h = jobsHarness({}, 1);
    writeFileSync(join(h.root, 'waits.json'), JSON.stringify([400, 400, 400, 400]));
    const job = await h.jobs.submit({ kind: 'compute', task: { module, name: 'sleepFor' }, inputs: { type: 'path', path: join(h.root, 'waits.json') } });
    expect(await h.jobs.wait(job.id)).toMatchObject({ status: 'done', itemsDone: 4 });
    expect(h.events.some((event) => waiting.test(event.message ?? ''))).toBe(false);
  });
});

describe('what a waiting job says', () => {
  const of = (...states: Array<'starting' | 'idle' | 'busy' | 'exiting'>) => waitingMessage(states.map((state) => ({ state })));

  it('names how many workers are busy, or that they are still starting', () => {
    expect(of('busy')).toBe('waiting for a free worker: the only one is busy');
    expect(of('busy', 'busy', 'busy')).toBe('waiting for a free worker: all 3 are busy');
    expect(of('busy', 'starting')).toBe('waiting for a free worker: 1 busy, 1 starting');
    expect(of('busy', 'busy', 'exiting')).toBe('waiting for a free worker: 2 busy');
    expect(of('starting', 'starting')).toBe('waiting for a worker to start');
    expect(of()).toBe('waiting for a worker to start');
  });
});
