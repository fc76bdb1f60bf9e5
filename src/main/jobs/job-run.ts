/**
 * One run of a job, from 'running' to where it stops: plan (first run only), prepare, then
 * the open items go to the pool as tasks, at most a few per worker at a time so several
 * jobs share the pool, and their outcomes go to the ledger. A task lost to a dead worker or
 * a timeout is split into one task per item and retried (`retries`); an item failing with a
 * transient error is tried again later; a fatal one (a full disk) stops the job, resumable.
 * Pause and cancel abort the tasks under way: their items stay open for a resume.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { JobStatus } from '../../shared/api.js';
import type { Store } from '../state/store.js';
import type { PoolHolder } from './pool-holder.js';
import type { TaskRef } from '../pool/task-ref.js';
import type { WorkerInfo } from '../pool/pool-worker.js';
import type { ItemOutcome, JobDriver, RunContext, UnitItem } from './job-driver.js';
import { parseSpec, type JobRow, type LiveProgress } from './job-record.js';
import type { JobPatch, JobsRepo } from './jobs-repo.js';
import { LedgerWriter } from './ledger-writer.js';
import type { LedgerItem, LedgerRepo } from './ledger-repo.js';
import { currentOwner } from './owner.js';
import { ProgressMeter } from './progress-meter.js';
import { UnitQueue, type Unit } from './unit-queue.js';
import type { JobTasks } from './task-modules.js';

export interface RunSettings {
  /** Further tries of an item whose worker died, timed out or failed transiently. */
  retries: number;
  taskTimeoutMs: number | null;
}

export interface RunDeps {
  store: Store;
  repo: JobsRepo;
  ledger: LedgerRepo;
  pool: PoolHolder;
  tasks: JobTasks;
  driver: (row: JobRow) => JobDriver;
  settings: () => RunSettings;
  /** Test seam: wait this long before each task is sent (CLI: PROCPOOL_TEST_DELAY_MS). */
  dispatchDelayMs: number;
  /** The job changed; `now` for a change of status, which is told at once. */
  changed: (jobId: number, now: boolean) => void;
}

type Stop = { kind: 'pause' | 'cancel' | 'fatal'; message: string };

const retryable = new Set(['WorkerExitedError', 'TimeoutError']);
/** Items marked as possibly sent ahead of the sending, so the mark is written once per stretch. */
const sendAhead = 4096;
/** How long a stopped job waits for its workers to let go (the pool kills them after its 1 s grace). */
const letGoTimeoutMs = 5000;
/** Its tasks sat in the pool's queue this long with none running: the job says it waits for a worker. */
const waitingAfterMs = 1000;

export class JobRun {
  private readonly controller = new AbortController();
  private stopping: Stop | undefined;
  private driver: JobDriver | undefined;
  private meter: ProgressMeter | undefined;
  private message: string | undefined;
  private readonly writer: LedgerWriter;
  private readonly inflight = new Map<string, Unit>();
  private readonly listeners = new Map<string, (done: number) => void>();
  private readonly units = new UnitQueue();
  private wake: (() => void) | undefined;
  private tagCount = 0;
  private sentUpto = -1;
  private workerPids = new Set<number>();
  /** Tasks of this job given to the pool outside the items' dispatch (the copy's scan, its last touches). */
  private otherTasks = 0;
  private lastWorkedAt = performance.now();
  /** Why none of its tasks runs, once that has lasted waitingAfterMs. */
  private waitingFor: string | undefined;

  constructor(
    readonly jobId: number,
    private readonly deps: RunDeps,
  ) {
    // The counts a summary shows are the job row's: once written, they are news.
    this.writer = new LedgerWriter(deps.store, deps.repo, deps.ledger, jobId, () => deps.changed(jobId, false));
  }

  /** Milliseconds spent on progress (events in, summaries out); the jobs layer adds its share. */
  progressMs = 0;

  /** What keeping the books cost this run: ledger writes and progress, in milliseconds. */
  get overhead(): { ledgerMs: number; progressMs: number } {
    return { ledgerMs: this.writer.spentMs, progressMs: this.progressMs };
  }

  live(): LiveProgress {
    const reading = this.meter?.read();
    if (reading && this.driver?.measure === 'bytes') this.writer.showed(reading.shown);
    const bytesShown = this.driver?.measure === 'bytes' ? (reading?.shown ?? 0) : 0;
    // Its rate and ETA were measured while it moved: waiting, it has none.
    if (this.waitingFor) return { bytesShown, message: this.waitingFor };
    return { bytesShown, rate: reading?.rate, etaMs: reading?.etaMs, message: this.message };
  }

  /** A progress event of one of this run's tasks. */
  onProgress(tag: string, done: number): void {
    const started = performance.now();
    const listener = this.listeners.get(tag);
    if (listener) listener(done);
    else if (this.inflight.has(tag)) {
      // (A report that comes after its task's result is already counted: dropped.)
      this.meter?.update(tag, done);
      this.deps.changed(this.jobId, false);
    }
    this.progressMs += performance.now() - started;
  }

  /** The item a worker holds, for the Workers view. */
  describe(tag: string, note: string | undefined): string | undefined {
    const unit = this.inflight.get(tag);
    if (!unit || !this.driver) return note;
    return this.driver.describe(unit.items, note) ?? unit.items[0]?.path;
  }

  stop(kind: Stop['kind'], message: string): void {
    if (this.stopping && !(kind === 'cancel' && this.stopping.kind === 'pause')) return;
    this.stopping = { kind, message };
    if (kind !== 'fatal') this.controller.abort();
    this.wake?.();
  }

  async run(): Promise<void> {
    const { repo, ledger } = this.deps;
    const first = repo.get(this.jobId)!;
    const owner = currentOwner();
    const now = Date.now();
    this.patch(
      { status: 'running', ownerPid: owner.pid, ownerStart: owner.start, startedAt: first.startedAt ?? now, runStartedAt: now, finishedAt: null, message: null, errorName: null, control: null },
      true,
    );
    const poll = setInterval(() => this.poll(), 250);
    try {
      const driver = (this.driver = this.deps.driver(first));
      const context = this.context(first);
      let planned: LedgerItem[] | undefined;
      if (first.planned !== 1) {
        // Planning starts over (a first run, or one stopped before its plan was written).
        this.writer.transaction(() => {
          ledger.removeItems(this.jobId);
          repo.patch(this.jobId, { itemsTotal: 0, itemsDone: 0, itemsFailed: 0, itemsSkipped: 0, bytesTotal: 0, bytesDone: 0, sentUpto: -1 });
        });
        planned = await driver.plan(context);
      }
      this.message = undefined;
      if (!this.stopping) await driver.prepare(context);
      this.writer.flush();
      const row = repo.get(this.jobId)!;
      this.sentUpto = row.sentUpto;
      const [total, finished] = driver.measure === 'bytes' ? [row.bytesTotal, row.bytesDone] : [row.itemsTotal, row.itemsDone + row.itemsFailed + row.itemsSkipped];
      this.meter = new ProgressMeter(total, { finished, shown: driver.measure === 'bytes' ? row.bytesShown : finished });
      if (!this.stopping) this.units.from(driver.units(context, planned));
      await this.dispatchAll(driver);
      if (this.stopping) await this.untilWorkersLetGo();
      // The outcomes that came in are in the ledger before the driver looks (after a stop, at the disk).
      this.writer.flush();
      if (this.stopping) await driver.stopped?.(context);
      else await driver.finish(context);
      await this.end();
    } catch (error) {
      if (this.stopping && isAbort(error)) await this.end();
      else this.fail(error);
    } finally {
      clearInterval(poll);
    }
  }

  private context(row: JobRow): RunContext {
    const { repo, ledger, tasks } = this.deps;
    return {
      jobId: this.jobId,
      row: () => repo.get(this.jobId)!,
      spec: parseSpec(row),
      // A run that plans (again) starts from an empty ledger: nothing of an earlier run to pick up.
      resumed: row.startedAt !== null && row.planned === 1,
      write: (fn) => this.writer.transaction(fn),
      repo,
      ledger,
      tasks,
      signal: this.controller.signal,
      apply: <R>(fn: TaskRef, args: unknown[], onProgress?: (done: number) => void) => {
        const tag = `j${this.jobId}.x${++this.tagCount}`;
        if (onProgress) this.listeners.set(tag, onProgress);
        this.otherTasks++;
        return this.deps.pool.apply<R>(fn, args, { tag, signal: this.controller.signal }).finally(() => {
          this.otherTasks--;
          this.listeners.delete(tag);
        });
      },
      say: (message) => {
        this.message = message;
        this.deps.changed(this.jobId, false);
      },
      record: (items, outcomes) => {
        this.writer.record(items, outcomes);
      },
    };
  }

  private async dispatchAll(driver: JobDriver): Promise<void> {
    const limit = Math.max(2, this.deps.pool.processes * 2);
    for (;;) {
      while (!this.stopping && this.inflight.size < limit && this.units.hasWork) {
        if (this.deps.dispatchDelayMs > 0) {
          await sleep(this.deps.dispatchDelayMs, undefined, { signal: this.controller.signal }).catch(() => {});
          if (this.stopping) break;
        }
        this.dispatch(driver, this.units.take());
      }
      if (this.inflight.size === 0 && (this.stopping || !this.units.hasWork)) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private dispatch(driver: JobDriver, unit: Unit): void {
    const tag = `j${this.jobId}.${++this.tagCount}`;
    const { items } = unit;
    this.inflight.set(tag, unit);
    const last = items[items.length - 1]!.seq;
    if (last > this.sentUpto) {
      // Written before the items go, a stretch ahead: after a crash, the open items up to
      // here are looked for on disk (and not redone when finished), the rest simply run.
      this.sentUpto = last + sendAhead;
      this.writer.transaction(() => this.deps.repo.patch(this.jobId, { sentUpto: this.sentUpto }));
    }
    const { taskTimeoutMs } = this.deps.settings();
    let task: Promise<unknown>;
    try {
      task = this.deps.pool.apply(driver.task, driver.args(items), { tag, signal: this.controller.signal, ...(taskTimeoutMs && { timeout: taskTimeoutMs }) });
    } catch (error) {
      task = Promise.reject(error as Error);
    }
    task
      .then(
        (value) => this.succeeded(driver, tag, unit, value),
        (error: unknown) => this.failed(tag, unit, error as Error),
      )
      .catch((error: unknown) => this.stop('fatal', `internal error: ${(error as Error).message}`))
      .finally(() => {
        this.inflight.delete(tag);
        this.wake?.();
      });
  }

  private succeeded(driver: JobDriver, tag: string, unit: Unit, value: unknown): void {
    const { retries } = this.deps.settings();
    const kept: ItemOutcome[] = [];
    const again: UnitItem[] = [];
    for (const [index, outcome] of driver.outcomes(unit.items, value).entries()) {
      if (!outcome.ok && outcome.fatal) this.stop('fatal', `${outcome.error} The job stopped there; resume it once that is fixed.`);
      if (!outcome.ok && outcome.transient && !outcome.fatal && unit.attempts < retries && !this.stopping) again.push(unit.items[index]!);
      else kept.push(outcome);
    }
    this.settle(tag, unit, kept);
    for (const item of again) this.units.retryLater({ items: [item], attempts: unit.attempts + 1 });
  }

  private failed(tag: string, unit: Unit, error: Error): void {
    if (isAbort(error) || error.name === 'PoolStateError') {
      this.meter?.settle(tag, 0);
      if (!this.stopping) this.stop('pause', `stopped: ${error.message}`);
      return;
    }
    if (retryable.has(error.name) && !this.stopping) {
      this.meter?.settle(tag, 0);
      this.driver?.workerLost?.(unit.items);
      // Any item of a unit may have killed its worker: each runs alone from now on.
      if (unit.items.length > 1) this.units.retryFirst(...unit.items.map((item) => ({ items: [item], attempts: unit.attempts })));
      else if (unit.attempts < this.deps.settings().retries) this.units.retryFirst({ items: unit.items, attempts: unit.attempts + 1 });
      else return this.settle(tag, unit, unit.items.map((item) => ({ seq: item.seq, ok: false, error: `${error.name}: ${error.message}` })));
      return;
    }
    this.settle(tag, unit, unit.items.map((item) => ({ seq: item.seq, ok: false, error: `${error.name}: ${error.message}` })));
  }

  private settle(tag: string, unit: Unit, outcomes: ItemOutcome[]): void {
    const deltas = this.writer.record(unit.items, outcomes, true);
    const started = performance.now();
    const finished = this.driver?.measure === 'bytes' ? (deltas.bytesDone ?? 0) : outcomes.length;
    this.meter?.settle(tag, finished);
    this.live();
    this.deps.changed(this.jobId, false);
    this.progressMs += performance.now() - started;
  }

  /** Requests from other processes (`procpool jobs cancel`), the workers to wait for after a crash, and whether the job waits for one. */
  private poll(): void {
    const row = this.deps.repo.get(this.jobId);
    if (row?.control === 'cancel') this.stop('cancel', 'cancelled');
    else if (row?.control === 'pause') this.stop('pause', 'paused');
    const workers = this.deps.pool.isStarted ? this.deps.pool.workers() : [];
    this.noticeWaiting(workers);
    const pids = workers.map((worker) => worker.pid);
    if (pids.some((pid) => !this.workerPids.has(pid))) {
      for (const pid of pids) this.workerPids.add(pid);
      this.deps.repo.patch(this.jobId, { workerPids: JSON.stringify([...this.workerPids].slice(-64)) });
    }
  }

  /**
   * Tasks given to the pool but none of them running for a while: other jobs hold every
   * worker. Said as the job's message rather than leaving it looking busy ('scanning the
   * source' for a minute). The pause keeps two jobs taking turns on the workers from flickering.
   */
  private noticeWaiting(workers: ReadonlyArray<Pick<WorkerInfo, 'state' | 'tag'>>): void {
    const ours = `j${this.jobId}.`;
    const now = performance.now();
    const queued = this.inflight.size + this.otherTasks > 0;
    if (!queued || this.stopping || workers.some((worker) => worker.tag?.startsWith(ours))) this.lastWorkedAt = now;
    const waitingFor = now - this.lastWorkedAt >= waitingAfterMs ? waitingMessage(workers) : undefined;
    if (waitingFor === this.waitingFor) return;
    this.waitingFor = waitingFor;
    this.deps.changed(this.jobId, false);
  }

  private async end(): Promise<void> {
    if (this.stopping) await this.untilWorkersLetGo();
    this.writer.close();
    const row = this.deps.repo.get(this.jobId)!;
    const stop = this.stopping;
    let status: JobStatus = 'done';
    let message: string | null = null;
    if (stop?.kind === 'cancel') [status, message] = ['cancelled', stop.message];
    else if (stop?.kind === 'pause') [status, message] = ['interrupted', stop.message];
    else if (stop?.kind === 'fatal') [status, message] = ['failed', stop.message];
    else if (row.itemsFailed > 0) {
      const note = this.driver?.failedNote?.(this.context(row));
      [status, message] = ['failed', `${row.itemsFailed} of ${row.itemsTotal} items failed${note ? `; ${note}` : ''}`];
    }
    this.deps.repo.endRun(this.jobId);
    this.patch({ status, message, errorName: null, control: null, finishedAt: status === 'interrupted' ? null : Date.now() }, true);
  }

  /**
   * A stopped job is Interrupted or Cancelled only once no worker runs any of its tasks. The
   * pool rejects a cancelled task at once, while its worker may still be finishing a chunk of
   * a file and removing its temporary copy (until it is killed, after the pool's grace).
   */
  private async untilWorkersLetGo(): Promise<void> {
    const ours = `j${this.jobId}.`;
    const deadline = performance.now() + letGoTimeoutMs;
    while (this.deps.pool.workers().some((worker) => worker.tag?.startsWith(ours)) && performance.now() < deadline) await sleep(10);
  }

  private fail(error: unknown): void {
    this.writer.close();
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    this.deps.repo.endRun(this.jobId);
    this.patch({ status: 'failed', message, errorName: name, control: null, finishedAt: Date.now() }, true);
  }

  private patch(fields: JobPatch, now: boolean): void {
    this.deps.repo.patch(this.jobId, fields);
    this.deps.changed(this.jobId, now);
  }
}

/** Short enough for the job row's message: the workers are busy with other jobs' tasks, or not there yet. */
export function waitingMessage(workers: ReadonlyArray<Pick<WorkerInfo, 'state'>>): string {
  const busy = workers.filter((worker) => worker.state === 'busy').length;
  if (busy === 0) return 'waiting for a worker to start';
  if (busy === workers.length) return `waiting for a free worker: ${busy === 1 ? 'the only one is' : `all ${busy} are`} busy`;
  const starting = workers.filter((worker) => worker.state === 'starting').length;
  return `waiting for a free worker: ${busy} busy${starting > 0 ? `, ${starting} starting` : ''}`;
}

function isAbort(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'AbortError';
}
