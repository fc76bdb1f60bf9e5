/**
 * The API between the UI (Electron renderer or browser) and the main side: commands in, an
 * event stream out. Both transports (Electron IPC, WebSocket) carry exactly these. Every
 * command's arguments cross a trust boundary, so each has a schema the main side checks
 * before it acts.
 */
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import type { WireError } from './error-wire.js';

// zod's small build is made of functions, which bundlers drop when unused; the full build's
// methods come all together (~700 KB, ~20 ms of the command's start). Its messages need the
// English locale loaded.
z.config(en());

export const jobStatuses = ['queued', 'running', 'done', 'failed', 'cancelled', 'interrupted'] as const;
export type JobStatus = (typeof jobStatuses)[number];

/** The status words the UI shows (CONTRACT.md, "The app"). */
export const statusWords: Record<JobStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

export const conflictPolicies = ['fail', 'skip', 'overwrite', 'rename'] as const;
export type ConflictPolicy = (typeof conflictPolicies)[number];

export const builtinTasks = ['sha256', 'primes'] as const;
export type BuiltinTask = (typeof builtinTasks)[number];

const text = z.string().check(z.trim(), z.minLength(1, 'required'));

export const copySpecSchema = z.object({
  kind: z.literal('copy'),
  name: z.optional(z.string()),
  source: text,
  destination: text,
  onConflict: z._default(z.enum(conflictPolicies), 'fail'),
  verify: z._default(z.boolean(), false),
});

/**
 * What a compute job maps over: a range of integers, or a path that the main side reads as a
 * JSON array (.json), the lines of a text file, or the files of a folder.
 */
export const computeInputsSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('range'), start: z.int(), end: z.int() }),
  z.object({ type: z.literal('path'), path: text }),
]);

export const computeSpecSchema = z.object({
  kind: z.literal('compute'),
  name: z.optional(z.string()),
  task: z.union([z.object({ module: text, name: text }), z.object({ builtin: z.enum(builtinTasks) })]),
  inputs: computeInputsSchema,
  chunksize: z.optional(z.int().check(z.positive())),
});

export const jobSpecSchema = z.discriminatedUnion('kind', [copySpecSchema, computeSpecSchema]);

export type CopySpec = z.infer<typeof copySpecSchema>;
export type ComputeSpec = z.infer<typeof computeSpecSchema>;
export type ComputeInputs = z.infer<typeof computeInputsSchema>;
export type JobSpec = z.infer<typeof jobSpecSchema>;
/** A spec as people type it: defaults not yet applied. */
export type JobSpecInput = z.input<typeof jobSpecSchema>;

export interface JobCounters {
  itemsTotal: number;
  itemsDone: number;
  itemsFailed: number;
  itemsSkipped: number;
  bytesTotal: number;
  bytesDone: number;
}

export interface JobSummary extends JobCounters {
  id: number;
  name: string;
  kind: JobSpec['kind'];
  status: JobStatus;
  spec: JobSpec;
  createdAt: number;
  /** When it first ran. */
  startedAt?: number;
  /** When it ended (Done, Failed, Cancelled); none while it runs, waits or is Interrupted. */
  finishedAt?: number;
  /** How long it has run, all its runs together (the one under way up to now): never the time it sat queued, paused or interrupted. */
  ranMs: number;
  /** Bytes a second for copies, items a second for computes, over the last few seconds. */
  rate?: number;
  etaMs?: number;
  /** Why it stopped: the error of a failed job, 'paused' for a paused one, … */
  message?: string;
}

export interface JobFailure {
  item: string;
  message: string;
}

export interface JobDetail extends JobSummary {
  failures: JobFailure[];
  /**
   * A copy's bytes written: `bytesDone` counts skipped and failed files too (they are
   * through, so the bar can reach its end), this only the files copied.
   */
  bytesCopied?: number;
}

export const resultItemStates = ['pending', 'done', 'failed', 'skipped'] as const;
export type ResultItemState = (typeof resultItemStates)[number];

/** One input of a compute job and what became of it. */
export interface JobResultItem {
  /** The input's place in the job, from 0 (the order results are kept and printed in). */
  seq: number;
  /** The input as JSON text: a range's number, a JSON array's element, a line as a JSON string, a file's full path. */
  input: string;
  state: ResultItemState;
  /** What the function returned, as JSON text (a done input only). */
  result?: string;
  /** What it threw, as 'Name: message' (a failed input only). */
  error?: string;
  /** True when input, result or error was longer than `resultTextLimit` characters and is cut there, ending with '…'. */
  truncated?: true;
}

/** A page of a compute job's results, in input order. */
export interface JobResultsPage {
  items: JobResultItem[];
  /** The `fromSeq` of the next page; null when this page reaches the job's last input. */
  nextSeq: number | null;
  /** The job's inputs in all (0 while it is still queued: its inputs are read when it starts). */
  total: number;
}

/** Longest text of one input, result or error a results page carries (a title can show no more). */
export const resultTextLimit = 2000;
/** Most inputs one results page may ask for. */
export const maxResultsPage = 1000;

/** A field-by-field verdict on a spec being typed, so each error shows next to its field. */
export type JobValidation = { ok: true } | { ok: false; errors: Array<{ field: string; message: string }> };

export interface WorkerRow {
  pid: number;
  name: string;
  state: 'starting' | 'idle' | 'busy' | 'exiting';
  jobId?: number;
  /** What it works on now: a file's relative path, an input's index. */
  item?: string;
  itemDone?: number;
  itemTotal?: number;
  cpuPercent: number;
  rssBytes: number;
  startedAt: number;
  tasksDone: number;
}

export interface PoolStats {
  size: number;
  cpuPercent: number;
  rssBytes: number;
}

export interface WorkersSnapshot {
  pool: PoolStats;
  workers: WorkerRow[];
}

export interface Settings {
  poolSize: number;
  maxTasksPerWorker: number | null;
  retries: number;
  taskTimeoutMs: number | null;
  /** Worker priority, as `nice`: 0 normal, up to 19 lowest. */
  workerNice: number;
  defaultConflict: ConflictPolicy;
  /** Where the state database is; shown, not changed from the UI. */
  readonly databasePath: string;
}

const intFrom = (min: number, max?: number) => z.int().check(z.gte(min), ...(max === undefined ? [] : [z.lte(max)]));

export const settingsPatchSchema = z.partial(
  z.strictObject({
    poolSize: intFrom(1, 256),
    maxTasksPerWorker: z.nullable(intFrom(1)),
    retries: intFrom(0, 100),
    taskTimeoutMs: z.nullable(intFrom(1)),
    workerNice: intFrom(0, 19),
    defaultConflict: z.enum(conflictPolicies),
  }),
);
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export interface SharedObjectRow {
  name: string;
  kind: string;
  /** Entries, items or attributes; null where a size means nothing (a value, a lock). */
  size: number | null;
  preview: string;
}

export const jobQuerySchema = z.strictObject({
  status: z.optional(z.enum(jobStatuses)),
  kind: z.optional(z.enum(['copy', 'compute'])),
  search: z.optional(z.string()),
  limit: z.optional(intFrom(1, 10_000)),
});
export type JobQuery = z.infer<typeof jobQuerySchema>;

const jobId = z.int().check(z.positive());
const pid = z.int().check(z.positive());

/** Each command's arguments, checked on the main side before anything happens. */
export const commandArgs = {
  listJobs: z.tuple([jobQuerySchema]),
  getJob: z.tuple([jobId]),
  validateJob: z.tuple([z.unknown()]),
  submitJob: z.tuple([jobSpecSchema]),
  cancelJob: z.tuple([jobId]),
  pauseJob: z.tuple([jobId]),
  resumeJob: z.tuple([jobId]),
  retryFailed: z.tuple([jobId]),
  revealDestination: z.tuple([jobId]),
  /** Removes a job that has ended (not Running or Queued) from the history, with its ledger. */
  deleteJob: z.tuple([jobId]),
  /** Removes those of these jobs that have ended; running, queued and unknown ones are passed over. */
  deleteJobs: z.tuple([z.array(jobId).check(z.maxLength(10_000))]),
  /** A new job with the same spec as this one, which has ended. */
  runAgain: z.tuple([jobId]),
  /** A compute job's results: job id, the first input's seq (from 0), how many (1…1000). */
  jobResults: z.tuple([jobId, intFrom(0), intFrom(1, maxResultsPage)]),
  listWorkers: z.tuple([]),
  terminateWorker: z.tuple([pid]),
  killWorker: z.tuple([pid]),
  getSettings: z.tuple([]),
  updateSettings: z.tuple([settingsPatchSchema]),
  sharedState: z.tuple([]),
} as const;

export type CommandName = keyof typeof commandArgs;

/** What each command answers. */
export interface CommandResults {
  listJobs: JobSummary[];
  getJob: JobDetail;
  validateJob: JobValidation;
  submitJob: JobSummary;
  cancelJob: JobSummary;
  pauseJob: JobSummary;
  resumeJob: JobSummary;
  retryFailed: JobSummary;
  revealDestination: { path: string };
  deleteJob: void;
  deleteJobs: { deleted: number[] };
  runAgain: JobSummary;
  jobResults: JobResultsPage;
  listWorkers: WorkersSnapshot;
  terminateWorker: void;
  killWorker: void;
  getSettings: Settings;
  updateSettings: Settings;
  sharedState: SharedObjectRow[];
}

/** The service both transports expose: one method per command. */
export type CoreApi = {
  [C in CommandName]: (...args: z.input<(typeof commandArgs)[C]>) => Promise<CommandResults[C]>;
};

/** What the main side pushes, throttled (jobs at most ~10 times a second each). */
export interface ApiEvents {
  /** Jobs that changed since the last event. */
  jobs: JobSummary[];
  /** Ids of jobs deleted from the history. */
  jobsDeleted: number[];
  workers: WorkersSnapshot;
  settings: Settings;
  sharedState: SharedObjectRow[];
}
export type EventName = keyof ApiEvents;

/** On the wire (WebSocket; Electron IPC carries the same shapes). */
export type ClientMessage = { id: number; command: CommandName; args: unknown[] };
export type ServerMessage =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: WireError }
  | { event: EventName; payload: unknown };

export const clientMessageSchema = z.strictObject({
  id: z.int(),
  command: z.enum(Object.keys(commandArgs) as [CommandName, ...CommandName[]]),
  args: z.array(z.unknown()),
});

/** Subscribes to an event; returns the function that unsubscribes. */
export interface CoreEvents {
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

/** What the main side runs once and every transport (IPC, WebSocket, tests) talks to. */
export type CoreService = CoreApi & CoreEvents & { close(): Promise<void> };
