/**
 * Applies changed settings to the running pool. Pool size: resized live. Max tasks per
 * worker: fixed when a Pool is made, so a new pool takes the new work while the old one
 * finishes (pool-holder.ts). Priority (nice): set on every worker with os.setPriority, and
 * on each new one as it starts; a worker cannot be given back a higher priority without
 * privileges, so lowering nice replaces the pool instead. Retries, the task timeout and the
 * conflict policy are read when they are used.
 */
import { setPriority } from 'node:os';
import type { Settings } from '../../shared/api.js';
import type { PoolHolder, PoolSettings } from '../jobs/pool-holder.js';

/** The pool the settings ask for; `processes` where it is not the settings' own. */
export function poolSettingsOf(settings: Settings, processes = settings.poolSize): PoolSettings {
  const { maxTasksPerWorker } = settings;
  return { processes, ...(maxTasksPerWorker !== null && { maxtasksperchild: maxTasksPerWorker }) };
}

export async function applySettings(pool: PoolHolder, before: Settings, after: Settings): Promise<void> {
  if (after.maxTasksPerWorker !== before.maxTasksPerWorker) {
    pool.replace(poolSettingsOf(after));
  } else if (after.poolSize !== before.poolSize) {
    await pool.resize(after.poolSize);
  }
  if (after.workerNice !== before.workerNice) {
    const refused = setNice(pool.workers().map((worker) => worker.pid), after.workerNice);
    if (refused) pool.replace(poolSettingsOf(after));
  }
}

/** Sets the nice value of these processes; true when the system refused (raising priority needs privileges). */
export function setNice(pids: readonly number[], nice: number): boolean {
  let refused = false;
  for (const pid of pids) {
    try {
      setPriority(pid, nice);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM' || (error as { info?: { code?: string } }).info?.code === 'EACCES') refused = true;
    }
  }
  return refused;
}
