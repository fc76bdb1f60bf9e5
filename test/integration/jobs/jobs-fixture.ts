/** A Jobs layer on a fresh database and a small pool, for one test file; torn down after each test. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { JobSummary } from '../../../src/shared/api.js';
import { Jobs, PoolHolder, type JobsOptions } from '../../../src/main/jobs/index.js';
import { openStore } from '../../../src/main/state/index.js';
import type { Store } from '../../../src/main/state/index.js';
import { removeTree, scratch } from '../../fixtures/jobs-tree.js';

export interface JobsHarness {
  root: string;
  store: Store;
  pool: PoolHolder;
  jobs: Jobs;
  /** Every summary the 'job' event carried, in order. */
  events: JobSummary[];
  folder(name: string): string;
  /** Opens the jobs layer again on the same database (as a restart does). */
  /** Jobs again on the same store, with these options changed (undefined: back to the default). */
  reopen(options?: JobsOverrides): Jobs;
  close(): Promise<void>;
}

type JobsOverrides = { [K in keyof JobsOptions]?: JobsOptions[K] | undefined };

export function jobsHarness(options: Partial<JobsOptions> = {}, processes = 2): JobsHarness {
  const root = scratch('procpool-jobs-layer-');
  const store = openStore(join(root, 'state.db'));
  const pool = new PoolHolder({ processes });
  const events: JobSummary[] = [];
  const open = (extra: JobsOverrides) => {
    const set = Object.entries({ ...options, ...extra }).filter(([, value]) => value !== undefined);
    const jobs = Jobs.open({ store, pool, ...(Object.fromEntries(set) as Partial<JobsOptions>) });
    jobs.on('job', (summary) => events.push(summary));
    return jobs;
  };
  const harness: JobsHarness = {
    root,
    store,
    pool,
    jobs: open({}),
    events,
    folder(name) {
      const path = join(root, name);
      mkdirSync(path, { recursive: true });
      return path;
    },
    reopen(extra = {}) {
      harness.jobs = open(extra);
      return harness.jobs;
    },
    async close() {
      await harness.jobs.close();
      await pool.terminate();
      store.close();
      removeTree(root);
    },
  };
  return harness;
}

/** Polls `find` every 10 ms until it gives something (not undefined). */
export async function waitFor<T>(find: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
