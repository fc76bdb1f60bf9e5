/**
 * Every error Procpool throws on purpose. Each class's `name` equals its class name, so an
 * error keeps its identity when it crosses a process boundary (see error-wire.ts).
 */

export class ProcpoolError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A wait (get, join, acquire with a timeout, a task's own timeout) ran out of time. */
export class TimeoutError extends ProcpoolError {}

/** Work was submitted to a pool that is closed or terminated, or join() came before close(). */
export class PoolStateError extends ProcpoolError {}

/** A Process was used out of order: started twice, changed after start, used after close. */
export class ProcessStateError extends ProcpoolError {}

/** A signal's name, as Node reports it ('SIGKILL'); a plain string type so every host can use it. */
export type SignalName = `SIG${string}`;

/** A worker process ended while it was running a task. */
export class WorkerExitedError extends ProcpoolError {
  readonly pid: number | undefined;
  readonly exitcode: number | null;
  readonly signal: SignalName | null;

  constructor(
    message: string,
    details: { pid: number | undefined; exitcode: number | null; signal: SignalName | null },
  ) {
    super(message);
    this.pid = details.pid;
    this.exitcode = details.exitcode;
    this.signal = details.signal;
  }
}

/** A task was cancelled through its AbortSignal. */
export class AbortError extends ProcpoolError {}

export class QueueFullError extends ProcpoolError {}
export class QueueEmptyError extends ProcpoolError {}

/** A value is out of place: releasing an unheld lock, one taskDone() too many. */
export class ValueError extends ProcpoolError {}

/** The other end of a Pipe is closed and nothing is left to receive. */
export class EOFError extends ProcpoolError {}

export class BrokenBarrierError extends ProcpoolError {}

/** A job's input is wrong: a missing path, a destination inside its source, a bad range. */
export class JobInputError extends ProcpoolError {}

/**
 * The state database cannot be used: it could not be opened, created or migrated, it is
 * corrupt, or its Manager objects belong to a Manager running elsewhere. `code` is SQLite's
 * or the system's (SQLITE_CORRUPT, SQLITE_NOTADB, SQLITE_BUSY, EACCES, …) where known.
 */
export class StoreOpenError extends ProcpoolError {
  readonly path: string;
  readonly code: string | undefined;

  constructor(message: string, details: { path: string; code?: string | undefined }, options?: ErrorOptions) {
    super(message, options);
    this.path = details.path;
    this.code = details.code;
  }
}

/** A cluster's Redis cannot be reached or used (a pool with a `bullmq` backend, `procpool worker`). */
export class ClusterConnectionError extends ProcpoolError {}

/** The classes a wire error may be rebuilt as, by name. */
export const errorClasses = {
  ProcpoolError,
  TimeoutError,
  PoolStateError,
  ProcessStateError,
  WorkerExitedError,
  AbortError,
  QueueFullError,
  QueueEmptyError,
  ValueError,
  EOFError,
  BrokenBarrierError,
  JobInputError,
  StoreOpenError,
  ClusterConnectionError,
} as const;
