/**
 * The jobs table's part in a job's history: how long it ran (its runs added up, never the
 * time between them) and deleting a job with its ledger.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ranFor, toSummary } from '../../../src/main/jobs/job-record.js';
import { JobsRepo } from '../../../src/main/jobs/jobs-repo.js';
import { openStore, type Store } from '../../../src/main/state/index.js';

let store: Store;
let repo: JobsRepo;
beforeEach(() => {
  store = openStore();
  repo = new JobsRepo(store.db);
});
afterEach(() => store.close());

const spec = JSON.stringify({ kind: 'compute', task: { builtin: 'primes' }, inputs: { type: 'range', start: 0, end: 3 } });
const newJob = () => repo.insert({ kind: 'compute', name: 'primes', spec, ownerPid: process.pid, ownerStart: '' });

describe('how long a job ran', () => {
  it('adds up its runs: a run from 1,000 to 2,500 and one from 600,000 to 601,000 ran 2.5 s, not 10 minutes', () => {
    const id = newJob();
    repo.patch(id, { status: 'running', startedAt: 1000, runStartedAt: 1000 });
    repo.endRun(id, 2500);
    repo.patch(id, { status: 'failed', finishedAt: 2500 });
    expect(repo.get(id)).toMatchObject({ ranMs: 1500, runStartedAt: null });

    repo.patch(id, { status: 'running', runStartedAt: 600_000, finishedAt: null });
    expect(ranFor(repo.get(id)!, 600_400)).toBe(1900);
    repo.endRun(id, 601_000);
    repo.patch(id, { status: 'done', finishedAt: 601_000 });
    const row = repo.get(id)!;
    expect(row).toMatchObject({ ranMs: 2500, runStartedAt: null, startedAt: 1000, finishedAt: 601_000 });
    expect(toSummary(row)).toMatchObject({ ranMs: 2500, startedAt: 1000, finishedAt: 601_000 });
  });

  it('counts nothing twice: ending a run that has ended changes nothing; a clock gone back counts 0', () => {
    const id = newJob();
    repo.patch(id, { status: 'running', startedAt: 5000, runStartedAt: 5000 });
    repo.endRun(id, 4000);
    expect(repo.get(id)!.ranMs).toBe(0);
    repo.endRun(id, 9000);
    expect(repo.get(id)!.ranMs).toBe(0);
  });

  it('a job that has never run ran 0 ms; a queued or interrupted one does not count the time since its run ended', () => {
    const id = newJob();
    expect(toSummary(repo.get(id)!).ranMs).toBe(0);
    repo.patch(id, { status: 'interrupted', ranMs: 700, runStartedAt: null });
    expect(ranFor(repo.get(id)!, Date.now() + 60_000)).toBe(700);
  });
});

describe('deleting a job', () => {
  it('removes its row and its ledger (items and done ranges), and no other job', () => {
    const [a, b] = [newJob(), newJob()];
    const addItem = store.db.prepare("INSERT INTO job_items (job_id, seq, path) VALUES (?, ?, 'x')");
    for (const id of [a, b]) for (const seq of [0, 1]) addItem.run(id, seq);
    store.db.prepare('INSERT INTO job_done_ranges (job_id, first, last) VALUES (?, 0, 1)').run(a);
    expect(repo.delete(a)).toBe(true);
    expect(repo.get(a)).toBeUndefined();
    expect(store.db.prepare('SELECT job_id, count(*) AS n FROM job_items GROUP BY job_id').all()).toEqual([{ job_id: b, n: 2 }]);
    expect(store.db.prepare('SELECT count(*) FROM job_done_ranges').pluck().get()).toBe(0);
    expect(repo.delete(a)).toBe(false);
    expect(repo.list().map((row) => row.id)).toEqual([b]);
  });
});
