/**
 * Jobs: the jobs layer's one entry. Submitted jobs are checked (nothing is created on a bad
 * spec), stored, queued and run on the shared pool, a few at a time; their history lives
 * in SQLite and survives restarts. A job whose process died is marked Interrupted when
 * found (`recover`), and can be resumed. Changes reach listeners of 'job' at most ~10 times
 * a second per job, and at once when a status changes.
 */
import { EventEmitter } from 'node:events';
import { statusWords, type JobDetail, type JobQuery, type JobResultsPage, type JobSummary, type JobValidation } from '../../shared/api.js';
import { JobInputError } from '../../shared/errors.js';
import type { Store } from '../state/store.js';
import { computeDriver } from './compute/compute-driver.js';
import { computeResultsPage } from './compute/compute-results.js';
import { copyDriver } from './copy/copy-driver.js';
import type { JobDriver } from './job-driver.js';
import { JobControl } from './job-control.js';
import { parseSpec, toSummary, type JobRow } from './job-record.js';
import { JobRun, type RunSettings } from './job-run.js';
import { JobsRepo } from './jobs-repo.js';
import { LedgerRepo, type FinishedItem } from './ledger-repo.js';
import { currentOwner } from './owner.js';
import type { PoolHolder } from './pool-holder.js';
import { defaultTasks, type JobTasks } from './task-modules.js';
import { Throttle } from './throttle.js';
import { checkSpec, validateSpec, type SpecChecks } from './validate-spec.js';
import { jobOfTag, WorkerActivity } from './worker-activity.js';

export interface JobsOptions {
  store: Store;
  pool: PoolHolder;
  /** Read when each task is sent, so a change applies to running jobs. */
  settings?: () => RunSettings;
  /** Jobs run at the same time; the others wait, Queued. Default 2. */
  maxRunning?: number;
  /** Test seams: other worker tasks, a delay before each task, entries per copy batch. */
  tasks?: Partial<JobTasks>;
  dispatchDelayMs?: number;
  copyBatchFiles?: number;
  /** Relative paths in specs are resolved against this (default: the working folder); null refuses them (the app). */
  cwd?: string | null;
}

const defaultSettings: RunSettings = { retries: 2, taskTimeoutMs: null };

export class Jobs {
  readonly repo: JobsRepo;
  readonly ledger: LedgerRepo;
  readonly activity: WorkerActivity;
  readonly control: JobControl;
  private readonly runs = new Map<number, JobRun>();
  private readonly queue: number[] = [];
  private readonly waiters = new Map<number, Array<(summary: JobSummary) => void>>();
  private readonly events = new EventEmitter();
  private readonly throttle = new Throttle<number>(100, (id) => this.emit(id));
  private readonly tasks: JobTasks;
  private readonly overheads = new Map<number, { ledgerMs: number; progressMs: number }>();
  private closed = false;

  private constructor(private readonly options: JobsOptions) {
    this.repo = new JobsRepo(options.store.db);
    this.ledger = new LedgerRepo(options.store.db);
    this.tasks = { ...defaultTasks(), ...options.tasks };
    this.control = new JobControl(this);
    this.activity = new WorkerActivity(options.pool, (id) => this.runs.get(id));
    options.pool.on('progress', ({ tag, done }) => {
      const id = jobOfTag(tag);
      if (id !== undefined) this.runs.get(id)?.onProgress(tag!, done);
    });
  }

  /** Opens the jobs of this store; jobs left running by a process that died become Interrupted. */
  static open(options: JobsOptions): Jobs {
    const jobs = new Jobs(options);
    jobs.recover();
    return jobs;
  }

  get store(): Store {
    return this.options.store;
  }

  get pool(): PoolHolder {
    return this.options.pool;
  }

  /** 'job': a job changed; 'deleted': jobs were deleted from the history. */
  on(event: 'job', listener: (summary: JobSummary) => void): () => void;
  on(event: 'deleted', listener: (ids: number[]) => void): () => void;
  on(event: 'job' | 'deleted', listener: ((summary: JobSummary) => void) | ((ids: number[]) => void)): () => void {
    this.events.on(event, listener);
    return () => this.events.off(event, listener);
  }

  async submit(input: unknown): Promise<JobSummary> {
    this.checkOpen();
    const spec = await checkSpec(input, this.checks());
    const owner = currentOwner();
    const id = this.store.transaction(() =>
      this.repo.insert({ kind: spec.kind, name: spec.name!, spec: JSON.stringify(spec), ownerPid: owner.pid, ownerStart: owner.start }),
    );
    this.enqueue(id);
    return this.summary(id);
  }

  async validate(input: unknown): Promise<JobValidation> {
    const result = await validateSpec(input, this.checks());
    return 'spec' in result ? { ok: true } : { ok: false, errors: result.problems };
  }

  list(query: JobQuery = {}): JobSummary[] {
    return this.repo.list(query).map((row) => this.toSummary(row));
  }

  /** Jobs whose row changed after `ms` (by any process). */
  changedSince(ms: number): JobSummary[] {
    return this.repo.changedSince(ms).map((row) => this.toSummary(row));
  }

  summary(id: number): JobSummary {
    return this.toSummary(this.control.need(id));
  }

  get(id: number): JobDetail {
    const row = this.control.need(id);
    const detail: JobDetail = { ...this.toSummary(row), failures: this.ledger.failures(id) };
    if (row.kind === 'copy') detail.bytesCopied = Math.max(0, row.bytesDone - this.ledger.bytesNotCopied(id));
    return detail;
  }

  /**
   * A compute job's items from `seq` on, in input order, with their results or errors (a
   * copy's items finished in bulk are kept as done ranges and read as open here).
   */
  results(id: number, fromSeq = 0): IterableIterator<FinishedItem> {
    return this.ledger.from(id, fromSeq);
  }

  /** A page of a compute job's results for the app: at most `limit` inputs from `fromSeq` on. */
  resultsPage(id: number, fromSeq: number, limit: number): JobResultsPage {
    return computeResultsPage(this.control.need(id), this.ledger, fromSeq, limit);
  }

  cancel(id: number): Promise<JobSummary> {
    return this.control.cancel(id);
  }

  pause(id: number): Promise<JobSummary> {
    return this.control.pause(id);
  }

  resume(id: number): Promise<JobSummary> {
    return this.control.resume(id);
  }

  retryFailed(id: number): Promise<JobSummary> {
    return this.control.retryFailed(id);
  }

  /** Deletes a job that has ended, with its ledger; one that is Running or Queued is refused (JobInputError). */
  async delete(id: number): Promise<void> {
    this.deleted(await this.control.remove([id], true));
  }

  /** Deletes those of these jobs that have ended; returns their ids. */
  async deleteMany(ids: readonly number[]): Promise<number[]> {
    const deleted = await this.control.remove(ids, false);
    this.deleted(deleted);
    return deleted;
  }

  /** A new job with the spec of one that has ended, checked again as any new job (its source may be gone). */
  async runAgain(id: number): Promise<JobSummary> {
    this.recover();
    const row = this.control.need(id);
    if (row.status === 'running' || row.status === 'queued') {
      throw new JobInputError(`job ${id} is ${statusWords[row.status]}: run it again once it has ended.`);
    }
    return this.submit(parseSpec(row));
  }

  /** Resolves when the job is neither queued nor running in this process. */
  wait(id: number): Promise<JobSummary> {
    if (!this.runs.has(id) && !this.queue.includes(id)) return Promise.resolve(this.summary(id));
    return new Promise((resolve) => {
      const list = this.waiters.get(id) ?? [];
      list.push(resolve);
      this.waiters.set(id, list);
    });
  }

  /** What keeping the books cost a job's last run in this process: ledger writes and progress (ms). */
  overhead(id: number): { ledgerMs: number; progressMs: number } | undefined {
    return this.runs.get(id)?.overhead ?? this.overheads.get(id);
  }

  /** Marks Interrupted the queued and running jobs whose process is gone; returns their ids. */
  recover(): number[] {
    return this.control.recover();
  }

  /** Pauses what runs (Interrupted, resumable) and waits for it to stop. */
  async close(message = 'paused: procpool was closed'): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const id of this.queue.splice(0)) this.control.markStopped(id, 'interrupted', message);
    const stopping = [...this.runs.entries()].map(([id, run]) => {
      run.stop('pause', message);
      return this.wait(id);
    });
    await Promise.all(stopping);
    this.throttle.cancelAll();
  }

  // The parts below are for JobControl.

  /** Runs the job when its turn comes. */
  enqueue(id: number): void {
    this.checkOpen();
    this.queue.push(id);
    this.changed(id, true);
    this.pump();
  }

  isQueued(id: number): boolean {
    return this.queue.includes(id);
  }

  runOf(id: number): JobRun | undefined {
    return this.runs.get(id);
  }

  /** Takes a job out of this process's queue; false when it was not there. */
  dequeue(id: number): boolean {
    const index = this.queue.indexOf(id);
    if (index === -1) return false;
    this.queue.splice(index, 1);
    this.settleWaiters(id);
    return true;
  }

  changed(id: number, now: boolean): void {
    if (now) this.throttle.now(id);
    else this.throttle.call(id);
  }

  private pump(): void {
    const maxRunning = this.options.maxRunning ?? 2;
    while (!this.closed && this.runs.size < maxRunning && this.queue.length > 0) {
      const id = this.queue.shift()!;
      const run = new JobRun(id, {
        store: this.store,
        repo: this.repo,
        ledger: this.ledger,
        pool: this.pool,
        tasks: this.tasks,
        driver: (row) => this.driver(row),
        settings: this.options.settings ?? (() => defaultSettings),
        dispatchDelayMs: this.options.dispatchDelayMs ?? 0,
        changed: (jobId, now) => this.changed(jobId, now),
      });
      this.runs.set(id, run);
      void run.run().finally(() => {
        this.runs.delete(id);
        this.overheads.set(id, run.overhead);
        this.throttle.flush(id);
        this.settleWaiters(id);
        this.pump();
      });
    }
  }

  private driver(row: JobRow): JobDriver {
    const spec = parseSpec(row);
    if (spec.kind === 'copy') return copyDriver(spec, this.tasks, { ...(this.options.copyBatchFiles && { maxFiles: this.options.copyBatchFiles }) });
    return computeDriver(spec, this.tasks, { processes: this.pool.processes });
  }

  private deleted(ids: number[]): void {
    for (const id of ids) this.overheads.delete(id);
    if (ids.length > 0) this.events.emit('deleted', ids);
  }

  private settleWaiters(id: number): void {
    const list = this.waiters.get(id);
    if (!list) return;
    this.waiters.delete(id);
    const summary = this.summary(id);
    for (const resolve of list) resolve(summary);
  }

  private emit(id: number): void {
    if (this.events.listenerCount('job') === 0) return;
    const started = performance.now();
    const row = this.repo.get(id);
    if (row) this.events.emit('job', this.toSummary(row));
    const run = this.runs.get(id);
    if (run) run.progressMs += performance.now() - started;
  }

  private toSummary(row: JobRow): JobSummary {
    return toSummary(row, this.runs.get(row.id)?.live());
  }

  private checks(): SpecChecks {
    return {
      cwd: this.options.cwd === undefined ? process.cwd() : this.options.cwd,
      probe: async (module, name) => {
        await this.pool.apply(this.tasks.probeExport, [module, name]);
      },
    };
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('the jobs service is closed');
  }
}
