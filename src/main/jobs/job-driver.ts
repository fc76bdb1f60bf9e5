/**
 * What a kind of job (copy, compute) tells the run loop (job-run.ts): how to plan its
 * ledger, how to get ready to run again after a stop, how to cut its open items into
 * tasks, what a task's result means for each item, and what to do once all are done.
 */
import type { JobSpec } from '../../shared/api.js';
import type { TaskRef } from '../pool/task-ref.js';
import type { JobRow } from './job-record.js';
import type { JobsRepo } from './jobs-repo.js';
import type { LedgerItem, LedgerRepo } from './ledger-repo.js';
import type { JobTasks } from './task-modules.js';

/** One item as a task carries it. */
export interface UnitItem {
  seq: number;
  /** Bytes (copies) counted when it finishes. */
  size: number;
  /** What the Workers view shows while a worker holds it. */
  path: string;
  payload: unknown;
}

export type ItemOutcome =
  | { seq: number; ok: true; result?: string }
  | {
      seq: number;
      ok: false;
      error: string;
      /** Worth another try later (EBUSY, EAGAIN, EMFILE). */
      transient?: boolean;
      /** Nothing after it can succeed either (a full disk): the job stops. */
      fatal?: boolean;
    };

export interface RunContext {
  readonly jobId: number;
  /** The job's row as stored now (the plan adds to it). */
  row(): JobRow;
  readonly spec: JobSpec;
  /** The job ran before and its plan is from then (this run resumes it): clean up after a crash. */
  readonly resumed: boolean;
  /** Writes to the job's tables in one transaction (timed: see LedgerWriter). */
  write<T>(fn: () => T): T;
  readonly repo: JobsRepo;
  readonly ledger: LedgerRepo;
  readonly tasks: JobTasks;
  readonly signal: AbortSignal;
  /** Runs a task of this job on the pool (tagged, cancelled with the job); its progress goes to `onProgress`. */
  apply<R>(fn: TaskRef, args: unknown[], onProgress?: (done: number) => void): Promise<R>;
  /** What the job is doing now ('scanning 12,000 entries'), shown while it runs. */
  say(message: string | undefined): void;
  /** Records outcomes that are known without running a task (a resumed item found finished). */
  record(items: UnitItem[], outcomes: ItemOutcome[]): void;
}

export interface JobDriver {
  /** What progress is counted in: bytes for copies, items for computes. */
  readonly measure: 'bytes' | 'items';
  /**
   * Reads the inputs and writes the ledger and totals in one transaction; may return the open
   * items it wrote, so the first run need not read them back.
   */
  plan(run: RunContext): Promise<LedgerItem[] | undefined>;
  /** Before the items run, every time (a resume cleans up after a crash here). */
  prepare(run: RunContext): Promise<void>;
  /** The open items (those the plan returned, else read from the ledger), cut into tasks, pulled as needed. */
  units(run: RunContext, planned: LedgerItem[] | undefined): Iterable<UnitItem[]>;
  readonly task: TaskRef;
  args(items: UnitItem[]): unknown[];
  /** One outcome per item, in order. */
  outcomes(items: UnitItem[], value: unknown): ItemOutcome[];
  /** The item a worker's progress note names ('/dst/a/b.txt' → 'a/b.txt'). */
  describe(items: UnitItem[], note: string | undefined): string | undefined;
  /**
   * A task of these items lost its worker (it died, or was killed for running over its
   * timeout): whatever it left half-done is for finish() to clear up.
   */
  workerLost?(items: UnitItem[]): void;
  /** Once every item has run (not after a pause, cancel or fatal error). */
  finish(run: RunContext): Promise<void>;
  /**
   * After a stop, once no worker runs any of the job's items: records the items finished
   * anyway (a worker may complete one before it sees the stop, and the pool has already
   * given up on its task), so the counts say what is on disk.
   */
  stopped?(run: RunContext): Promise<void>;
  /** What a job that ends with failed items has left to do, said after 'N of M items failed'. */
  failedNote?(run: RunContext): string | undefined;
}
