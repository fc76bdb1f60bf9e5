/**
 * Starts worker processes. A start can fail before any process exists: EMFILE under a low
 * `ulimit -n`, EAGAIN under `ulimit -u`. Then no worker starts for a while, a pause that
 * doubles with each failure in a row (0.1 s, 0.2 s, … up to 2 s), and the pool tries again:
 * it recovers once the resources are back, and never spins while they are not. From the
 * third failure in a row, each one is an error for whatever waits for a worker.
 */
import type { ChildProcess } from 'node:child_process';
import { WorkerExitedError } from '../../shared/errors.js';
import { describeSpawnFailure, trySpawnWorker } from './spawn-worker.js';

const firstPauseMs = 100;
const longestPauseMs = 2000;
const failuresBeforeError = 3;

export class WorkerStarts {
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private holding = false;

  /** `retry` runs at the end of each pause; `failed` gets the error of each failure from the third in a row. */
  constructor(
    private readonly retry: () => void,
    private readonly failed: (error: WorkerExitedError) => void,
  ) {}

  /** No worker may start now. */
  get paused(): boolean {
    return this.timer !== undefined;
  }

  /** A started worker process (it has a PID), or undefined if it could not start. */
  start(name: string): ChildProcess | undefined {
    const child = trySpawnWorker({ name, daemon: true });
    if (!(child instanceof Promise)) {
      this.failures = 0;
      return child;
    }
    const failures = ++this.failures;
    this.pause(Math.min(longestPauseMs, firstPauseMs * 2 ** (failures - 1)));
    void child.then((cause) => {
      if (failures < failuresBeforeError) return;
      const message = `no worker process could start: ${describeSpawnFailure(cause)} (${failures} tries in a row; the pool tries again later: fewer processes, or a higher limit, may help)`;
      this.failed(new WorkerExitedError(message, { pid: undefined, exitcode: null, signal: null }));
    });
    return undefined;
  }

  /** Tasks that wait for a worker keep the process alive through a pause; nothing else does. */
  hold(on: boolean): void {
    this.holding = on;
    if (on) this.timer?.ref();
    else this.timer?.unref();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private pause(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.retry();
    }, ms);
    if (!this.holding) this.timer.unref();
  }
}
