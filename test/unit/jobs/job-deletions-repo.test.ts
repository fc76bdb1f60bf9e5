/**
 * A deleted job stays deleted for whoever looks: its id is never given to another job (else
 * `procpool jobs results N`, a bookmark or an open Details pane would show another job), and
 * the deletion is recorded in the same transaction so a process watching the jobs (the app
 * beside `procpool jobs delete`) can tell.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

describe('job ids', () => {
  it('the job after a deleted newest one gets a new id, not the deleted one', () => {
    const [, newest] = [newJob(), newJob()];
    expect(repo.delete(newest)).toBe(true);
    const next = newJob();
    expect(next).toBeGreaterThan(newest);
    expect(repo.get(newest)).toBeUndefined();
  });
});

describe('recorded deletions', () => {
  it('are read in the order they happened, from where a reader left off', () => {
    const [a, b, c] = [newJob(), newJob(), newJob()];
    const start = repo.lastDeletion();
    store.transaction(() => {
      repo.delete(c);
      repo.delete(a);
    });
    const first = repo.deletionsAfter(start);
    expect(first.map((row) => row.jobId)).toEqual([c, a]);
    expect(repo.lastDeletion()).toBe(first.at(-1)!.seq);
    repo.delete(b);
    expect(repo.deletionsAfter(first.at(-1)!.seq).map((row) => row.jobId)).toEqual([b]);
    // Deleting what is not there records nothing.
    expect(repo.delete(b)).toBe(false);
    expect(repo.deletionsAfter(first.at(-1)!.seq)).toHaveLength(1);
  });

  it('go with a deletion that is rolled back', () => {
    const id = newJob();
    const start = repo.lastDeletion();
    expect(() =>
      store.transaction(() => {
        repo.delete(id);
        throw new Error('changed my mind');
      }),
    ).toThrow('changed my mind');
    expect(repo.get(id)).toBeDefined();
    expect(repo.deletionsAfter(start)).toEqual([]);
  });

  it('are kept a day, then dropped by a later deletion', () => {
    const [a, b, c] = [newJob(), newJob(), newJob()];
    const day = 24 * 3600_000;
    repo.delete(a, 1_000);
    repo.delete(b, 1_000 + day - 1);
    repo.delete(c, 1_000 + day + 1);
    expect(repo.deletionsAfter(0).map((row) => row.jobId)).toEqual([b, c]);
  });
});
