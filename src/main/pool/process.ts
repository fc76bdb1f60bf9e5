/**
 * Process: one target function run in a new OS process, with the meaning of Python's
 * multiprocessing.Process (start, join, exitcode, daemon, terminate, kill, close).
 */
import type { ChildProcess } from 'node:child_process';
import { ProcessStateError } from '../../shared/errors.js';
import { liveChildren } from '../../shared/live-children.js';
import { startTimer, toTimeout, type Timer } from '../../shared/timeout.js';
import { toExitcode, signalChild, signalGroup } from './exit-status.js';
import { checkCallArguments } from './call-input.js';
import { encodeCall } from './payload.js';
import { remoteObjects } from './remote-objects.js';
import { isDaemonProcess, spawnWorker } from './spawn-worker.js';
import { toWireTaskRef, type TaskRef } from './task-ref.js';
import { WorkerChannel } from './worker-channel.js';

export interface ProcessOptions {
  target: TaskRef;
  args?: unknown[];
  kwargs?: Record<string, unknown>;
  name?: string;
  daemon?: boolean;
}

let processCounter = 0;
/** Running daemons, with their channels. */
const daemonChildren = new Map<Process, WorkerChannel>();
let exitHookInstalled = false;
/** Waits of this process that a daemon may end (a join, a get): see whileWaiting. */
let pendingWaits = 0;

/**
 * A daemon does not keep its parent alive, as in Python, except while the parent waits on
 * something: a join(), or a get() a daemon may answer. Otherwise Node, seeing nothing left
 * to do, would end the parent in the middle of its `await` (exit code 13).
 */
export function whileWaiting<T>(wait: Promise<T>): Promise<T> {
  if (++pendingWaits === 1) for (const channel of daemonChildren.values()) channel.keepAlive(true);
  return wait.finally(() => {
    if (--pendingWaits === 0) for (const channel of daemonChildren.values()) channel.keepAlive(false);
  });
}

export class Process {
  readonly name: string;
  private _daemon: boolean;
  private child: ChildProcess | undefined;
  private _exitcode: number | null = null;
  private ended: Promise<void> | undefined;
  private closed = false;
  private readonly options: ProcessOptions;

  constructor(options: ProcessOptions) {
    if (!options || options.target === undefined) {
      throw new TypeError('new Process({ target }): target is required (a function, an export name or { module, name })');
    }
    checkCallArguments('new Process({ target, args, kwargs })', options.args ?? [], options.kwargs);
    this.options = options;
    this.name = options.name ?? `Process-${++processCounter}`;
    this._daemon = options.daemon ?? false;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get exitcode(): number | null {
    this.checkOpen();
    return this._exitcode;
  }

  get daemon(): boolean {
    return this._daemon;
  }

  set daemon(value: boolean) {
    this.checkOpen();
    if (this.child) throw new ProcessStateError(`${this.name}: daemon can only be set before start()`);
    this._daemon = value;
  }

  start(): void {
    this.checkOpen();
    if (this.child) throw new ProcessStateError(`${this.name}: a process can only be started once`);
    if (isDaemonProcess()) {
      throw new ProcessStateError(`${this.name}: daemonic processes are not allowed to have children`);
    }
    const { target, args = [], kwargs } = this.options;
    // Serialise first: arguments that cannot be sent fail here, before any process exists.
    const payload = encodeCall(args, kwargs);
    const fn = toWireTaskRef(target);

    const child = spawnWorker({ name: this.name, daemon: this._daemon });
    this.child = child;
    const channel = new WorkerChannel(child, () => {});
    this.ended = new Promise((resolve) => {
      // 'close', not 'exit': messages sent just before the end may still be in flight at 'exit'.
      child.once('close', (code, signal) => {
        this._exitcode = toExitcode(code, signal);
        liveChildren().delete(this);
        daemonChildren.delete(this);
        if (child.pid !== undefined) remoteObjects.processExited(child.pid);
        resolve();
      });
    });
    try {
      channel.sendNow({
        t: 'init',
        name: this.name,
        target: { id: 0, kind: 'call', fn, payload: payload.value, refs: payload.refs },
      });
    } catch (error) {
      child.kill('SIGKILL');
      throw new TypeError(`${this.name}: arguments cannot be sent to the new process: ${(error as Error).message}`, { cause: error });
    }
    if (this._daemon) {
      channel.keepAlive(pendingWaits > 0);
      daemonChildren.set(this, channel);
      installExitHook();
    } else {
      liveChildren().add(this);
    }
  }

  /** Resolves when the process has ended, or when `timeoutMs` elapses (it does not throw). */
  async join(timeoutMs?: number): Promise<void> {
    this.checkOpen();
    if (!this.ended) throw new ProcessStateError(`${this.name}: can only join a started process`);
    const timeout = toTimeout(timeoutMs, `${this.name}.join()`);
    if (this._exitcode !== null) return;
    if (timeout === null) return whileWaiting(this.ended);
    let timer: Timer | undefined;
    await whileWaiting(Promise.race([this.ended, new Promise((resolve) => (timer = startTimer(timeout, () => resolve(undefined))))]));
    timer?.clear();
  }

  isAlive(): boolean {
    this.checkOpen();
    return this.child !== undefined && this._exitcode === null;
  }

  /** SIGTERM to the process and what it started; exitcode becomes -15. */
  terminate(): void {
    this.signal('SIGTERM');
  }

  /** SIGKILL to the process and what it started; exitcode becomes -9. */
  kill(): void {
    this.signal('SIGKILL');
  }

  /** Releases the process object; it must have ended. Afterwards every method throws. */
  close(): void {
    if (this.closed) return;
    if (this.child && this._exitcode === null) {
      throw new ProcessStateError(`${this.name}: cannot close a process that is still running (pid ${this.pid})`);
    }
    this.closed = true;
  }

  private signal(signal: NodeJS.Signals): void {
    this.checkOpen();
    if (this.child) signalChild(this.child, signal);
  }

  private checkOpen(): void {
    if (this.closed) throw new ProcessStateError(`${this.name}: process object is closed`);
  }
}

/** Daemons end with their parent, as in Python. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of daemonChildren.keys()) signalGroup(child.pid, 'SIGTERM');
  });
}
