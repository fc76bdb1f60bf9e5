/**
 * Every migration of the state database, in order. A module that keeps its own tables in the
 * store (jobs, settings) adds a file `NNN_name.ts` next to this one and appends it here; the
 * number is its position. Never edit or reorder a migration that has shipped: add a new one.
 */
import type { Migration } from '../migration.js';
import { managerObjects } from './001_manager_objects.js';
import { jobsTables } from './002_jobs.js';
import { settingsTable } from './003_settings.js';
import { itemRawPaths } from './004_item_raw_paths.js';
import { jobRunTime } from './005_job_run_time.js';
import { jobDeletions } from './006_job_deletions.js';

export const migrations: readonly Migration[] = [managerObjects, jobsTables, settingsTable, itemRawPaths, jobRunTime, jobDeletions];
