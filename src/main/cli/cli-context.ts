/**
 * What a command that touches jobs opens: the state database (--db, PROCPOOL_DB or the
 * default), the pool (started only when a task runs) and the jobs layer, the same one the
 * app uses, so `procpool jobs` lists jobs started from either.
 */
import { defaultDbPath } from '../api/default-db-path.js';
import { Jobs } from '../jobs/jobs.js';
import { PoolHolder } from '../jobs/pool-holder.js';
import { openStore } from '../state/open-store.js';
import type { Store } from '../state/store.js';

export interface CliContext {
  store: Store;
  pool: PoolHolder;
  jobs: Jobs;
  close(): Promise<void>;
}

export function openContext(db: string | undefined, processes?: number): CliContext {
  const store = openStore(db ?? defaultDbPath());
  // One job at a time here: `copy --processes 64` of three files starts the workers it uses, not 64.
  const pool = new PoolHolder({ ...(processes !== undefined && { processes }), startOnDemand: true });
  // Test-only: slow a job down deterministically (one entry per task, a pause before each).
  const delay = Number(process.env.PROCPOOL_TEST_DELAY_MS ?? 0);
  const jobs = Jobs.open({ store, pool, ...(delay > 0 && { dispatchDelayMs: delay, copyBatchFiles: 1 }) });
  return {
    store,
    pool,
    jobs,
    async close() {
      await jobs.close();
      await pool.terminate();
      store.close();
    },
  };
}
