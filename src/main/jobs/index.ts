/** main/jobs: durable copy and compute jobs on a shared pool (see jobs.ts). */
export { Jobs, type JobsOptions } from './jobs.js';
export { PoolHolder, type PoolSettings } from './pool-holder.js';
export type { RunSettings } from './job-run.js';
export type { FinishedItem } from './ledger-repo.js';
export type { WorkerActivityRow } from './worker-activity.js';
export { defaultTasks, workerTask, type JobTasks } from './task-modules.js';
export { ItemState } from './job-record.js';
export { fieldOf } from './field-error.js';
