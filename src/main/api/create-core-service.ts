/**
 * The one service every face of the app talks to (Electron IPC, the browser mode's
 * WebSocket, tests): every command of CoreApi (src/shared/api.ts), its arguments checked
 * against their schemas first, and the event stream. It owns the state database, the pool
 * and the jobs layer; the command line uses the same jobs layer on the same database, so
 * their histories are one. The Manager's objects it only reads: a program's Manager may run
 * on the same database meanwhile (see state/shared-state-view.ts).
 */
import { availableParallelism } from 'node:os';
import type * as z from 'zod/mini';
import { commandArgs, type CommandName, type CoreService, type Settings } from '../../shared/api.js';
import { JobInputError, ValueError } from '../../shared/errors.js';
import { Jobs, type JobsOptions } from '../jobs/jobs.js';
import { PoolHolder } from '../jobs/pool-holder.js';
import { SharedStateView } from '../state/shared-state-view.js';
import type { SharedObjectInfo } from '../state/snapshot.js';
import { openStore } from '../state/open-store.js';
import { applySettings, poolSettingsOf, setNice } from './apply-settings.js';
import { EventHub } from './event-hub.js';
import { ForeignDeletions } from './foreign-deletions.js';
import { CpuMeter } from './proc-stats.js';
import { SettingsRepo, withPatch } from './settings-repo.js';
import { workersSnapshot } from './workers-snapshot.js';

export interface CoreServiceOptions {
  /** The state database file (':memory:' for a throwaway one). */
  dbPath: string;
  /** Worker processes; default: the pool size of the settings. */
  processes?: number;
  /** Test seams of the jobs layer. */
  jobs?: Pick<JobsOptions, 'tasks' | 'dispatchDelayMs' | 'copyBatchFiles' | 'maxRunning'>;
}

type Args<C extends CommandName> = z.output<(typeof commandArgs)[C]>;

export async function createCoreService(options: CoreServiceOptions): Promise<CoreService> {
  const store = openStore(options.dbPath);
  const settingsRepo = new SettingsRepo(store.db);
  let settings: Settings = settingsRepo.load(store.path);
  if (options.processes !== undefined) settings = { ...settings, poolSize: options.processes };
  const pool = new PoolHolder(poolSettingsOf(settings, settings.poolSize || availableParallelism()));
  pool.on('worker:start', ({ pid }) => {
    if (settings.workerNice > 0) setNice([pid], settings.workerNice);
  });
  const sharedObjects = new SharedStateView(store.db);
  // People type paths into the app: no working folder of theirs to resolve a relative one against.
  const jobs = Jobs.open({ cwd: null, ...options.jobs, store, pool, settings: () => ({ retries: settings.retries, taskTimeoutMs: settings.taskTimeoutMs }) });
  const cpu = new CpuMeter();
  let lastPoll = Date.now();
  const foreignDeletions = new ForeignDeletions(jobs.repo);
  const hub = new EventHub({
    workers: () => workersSnapshot(pool, jobs.activity, cpu),
    sharedState: () => sharedState(),
    foreignJobs: () => {
      const since = lastPoll;
      lastPoll = Date.now();
      jobs.recover();
      // Jobs that run here tell of themselves; the others are found by their row's time.
      return jobs.changedSince(since - 1).filter((job) => !jobs.runOf(job.id));
    },
    foreignDeletions: () => foreignDeletions.take(),
  });
  const offJobs = jobs.on('job', (summary) => hub.jobChanged(summary));
  const offDeleted = jobs.on('deleted', (ids) => {
    foreignDeletions.announced(ids);
    hub.emit('jobsDeleted', ids);
  });
  void pool.pool; // The Workers view has rows from the start.

  // A value has no size (null, drawn as a dash): 0 would read as "empty".
  const rowsOf = (objects: SharedObjectInfo[]) => objects.map(({ name, kind, size, preview }) => ({ name, kind, size, preview }));
  const sharedState = () => rowsOf(sharedObjects.snapshot());

  function check<C extends CommandName>(command: C, args: unknown[]): Args<C> {
    const parsed = commandArgs[command].safeParse(args);
    if (parsed.success) return parsed.data as Args<C>;
    const problems = parsed.error.issues.map((issue) => `${issue.path.slice(1).join('.') || `argument ${Number(issue.path[0] ?? 0) + 1}`}: ${issue.message}`);
    const ErrorClass = command === 'submitJob' ? JobInputError : ValueError;
    throw new ErrorClass(`${command}: ${problems.join('; ')}`);
  }

  function copyDestination(id: number): string {
    const job = jobs.summary(id);
    if (job.spec.kind !== 'copy') throw new ValueError(`job ${id} is a compute job: it has no destination folder (its results are in the state database).`);
    return job.spec.destination;
  }

  async function workerCommand(pid: number, stop: (pid: number) => Promise<void>): Promise<void> {
    try {
      await stop(pid);
    } catch (error) {
      if (error instanceof RangeError) throw new ValueError(error.message);
      throw error;
    }
  }

  const service: CoreService = {
    listJobs: async (...args) => jobs.list(check('listJobs', args)[0]),
    getJob: async (...args) => jobs.get(check('getJob', args)[0]),
    validateJob: async (...args) => jobs.validate(withDefaultConflict(check('validateJob', args)[0], settings)),
    submitJob: async (...args) => {
      const [spec] = check('submitJob', [withDefaultConflict(args[0], settings)]);
      return jobs.submit(spec);
    },
    cancelJob: async (...args) => jobs.cancel(check('cancelJob', args)[0]),
    pauseJob: async (...args) => jobs.pause(check('pauseJob', args)[0]),
    resumeJob: async (...args) => jobs.resume(check('resumeJob', args)[0]),
    retryFailed: async (...args) => jobs.retryFailed(check('retryFailed', args)[0]),
    revealDestination: async (...args) => ({ path: copyDestination(check('revealDestination', args)[0]) }),
    deleteJob: async (...args) => jobs.delete(check('deleteJob', args)[0]),
    deleteJobs: async (...args) => ({ deleted: await jobs.deleteMany(check('deleteJobs', args)[0]) }),
    runAgain: async (...args) => jobs.runAgain(check('runAgain', args)[0]),
    jobResults: async (...args) => jobs.resultsPage(...check('jobResults', args)),
    listWorkers: async (...args) => {
      check('listWorkers', args);
      return workersSnapshot(pool, jobs.activity, cpu);
    },
    terminateWorker: async (...args) => workerCommand(check('terminateWorker', args)[0], (pid) => pool.terminateWorker(pid)),
    killWorker: async (...args) => workerCommand(check('killWorker', args)[0], (pid) => pool.killWorker(pid)),
    getSettings: async (...args) => {
      check('getSettings', args);
      return settings;
    },
    updateSettings: async (...args) => {
      const [patch] = check('updateSettings', args);
      const before = settings;
      settings = withPatch(settings, patch);
      settingsRepo.save(patch);
      await applySettings(pool, before, settings);
      hub.emit('settings', settings);
      return settings;
    },
    sharedState: async (...args) => {
      check('sharedState', args);
      return sharedState();
    },
    on: (event, listener) => hub.on(event, listener),
    close: async () => {
      offJobs();
      offDeleted();
      hub.close();
      await jobs.close('paused: the app was closed');
      await pool.terminate();
      store.close();
    },
  };
  return service;
}

/** A copy spec without a conflict policy gets the one of the settings (the schema's default is 'fail'). */
function withDefaultConflict(spec: unknown, settings: Settings): unknown {
  if (typeof spec !== 'object' || spec === null || (spec as { kind?: unknown }).kind !== 'copy') return spec;
  if ((spec as { onConflict?: unknown }).onConflict !== undefined) return spec;
  return { ...spec, onConflict: settings.defaultConflict };
}

