/**
 * The pool's engine room: the worker processes, the queue of tasks, and the rules that join
 * them (dispatch-rules.ts). Tasks go to workers in order. A worker that dies never strands
 * its tasks: the running one is retried or rejected with WorkerExitedError, the ones it had
 * not begun go back to the queue, and a new worker takes its place (worker-exit.ts).
 */
import { fromWireError } from '../../shared/error-wire.js';
import { PoolStateError, TimeoutError, WorkerExitedError } from '../../shared/errors.js';
import type { ParentMessage, WireTaskRef, WorkerInit } from '../../shared/worker-protocol.js';
import { toExitcode } from './exit-status.js';
import { decodeOutcome, type Payload } from './payload.js';
import { PoolWorker, workerInit, type WorkerHandlers, type WorkerInfo } from './pool-worker.js';
import { remoteObjects } from './remote-objects.js';
import { abortError, type Outcome, type Task } from './task.js';
import { Deque } from '../../shared/deque.js';
import { startTimer } from '../../shared/timeout.js';
import type { OwnMessage } from './worker-channel.js';
import { describeExit, sortDeadWorkerTasks } from './worker-exit.js';
import { isIdle, isShort, takersOf, windowOf } from './dispatch-rules.js';
import { givenBack, TakeBack } from './take-back.js';
import type { PoolEvents } from './pool-events.js';
import { AbortWatch } from './abort-watch.js';
import { WorkerStarts } from './worker-starts.js';
import { endEvent, progressEvent, startEvent } from './task-events.js';

export interface WorkerSetConfig {
  size: number;
  /** Start workers only as queued work needs them, up to `size` (else all `size` at once). */
  startOnDemand?: boolean;
  defaultModule?: string;
  initializer?: WireTaskRef;
  initargs?: Payload;
  maxtasksperchild?: number;
  retries: number;
  /** How long a cancelled or terminated worker gets before SIGKILL. */
  graceMs: number;
  emit: <E extends keyof PoolEvents>(event: E, payload: PoolEvents[E]) => void;
}

/** Workers that die before they are ready this many times in a row: the pool gives up. */
const maxStartFailures = 3;

let workerCounter = 0;

export class WorkerSet {
  readonly workers = new Set<PoolWorker>();
  private readonly queue = new Deque<Task>();
  private size: number;
  private averageTaskMs = Number.POSITIVE_INFINITY;
  private startFailures = 0;
  /** Set when the pool cannot run tasks any more (its initializer throws, workers cannot start). */
  private broken: Error | undefined;
  private stopping = false;
  private readonly takeBack = new TakeBack(() => this.pump());
  private readonly aborts = new AbortWatch((task, signal) => this.cancel(task, abortError(signal, task), 'abort'));
  private readonly starts = new WorkerStarts(
    () => {
      this.fill();
      this.pump();
    },
    (error) => this.startFailed(error),
  );
  /** What every worker is told as it starts. */
  private readonly init: Omit<WorkerInit, 't' | 'name'>;
  private readonly handlers: WorkerHandlers = {
    onMessage: (worker, message) => this.onMessage(worker, message),
    onExit: (worker, code, signal) => this.onExit(worker, code, signal),
    onUnsendable: (worker, message, error) => this.onUnsendable(worker, message, error),
  };

  constructor(private readonly config: WorkerSetConfig) {
    this.size = config.size;
    this.init = workerInit(config);
    this.fill();
  }

  /** Tasks submitted and not yet answered. */
  get outstanding(): number {
    let count = this.queue.length;
    for (const worker of this.workers) count += worker.inFlight.filter((t) => !t.done).length;
    return count;
  }

  info(): WorkerInfo[] {
    return [...this.workers].map((worker) => worker.info());
  }

  submit(task: Task): void {
    if (this.broken) return this.finish(task, { ok: false, error: this.broken });
    const { signal } = task.options;
    if (signal) {
      if (signal.aborted) return this.finish(task, { ok: false, error: abortError(signal, task) });
      this.aborts.add(task, signal);
    }
    this.queue.push(task);
    this.pump();
  }

  /** Grows or shrinks the pool; resolves when every worker it keeps is ready. */
  async resize(size: number): Promise<void> {
    this.size = size;
    const active = [...this.workers].filter((w) => !w.retiring && !w.stopReason);
    const surplus = active.length - size;
    if (surplus > 0) {
      // Idle and starting workers go first, then the ones holding the least work.
      const byLoad = active.sort((a, b) => a.inFlight.length - b.inFlight.length);
      for (const worker of byLoad.slice(0, surplus)) this.retire(worker);
      return;
    }
    this.fill();
    const starting = [...this.workers].filter((w) => !w.ready && !w.retiring && !w.stopReason);
    // Someone awaits these: they keep the parent alive until ready, then the usual rule holds.
    for (const worker of starting) worker.holdParent(true);
    await Promise.all(starting.map((worker) => new Promise<void>((resolve) => worker.onReady.push(resolve))));
    this.retireIdleWhenDrained();
  }

  async stopWorker(pid: number, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    const worker = [...this.workers].find((w) => w.pid === pid);
    if (!worker) throw new RangeError(`no worker with pid ${pid} in this pool (its workers: ${this.pids()})`);
    worker.stopReason = 'user';
    worker.holdParent(true);
    worker.signal(signal);
    await worker.exited;
  }

  /** close(): no new work will come; workers leave once the queue and their tasks are done. */
  drainAndStop(): void {
    this.stopping = true;
    this.retireIdleWhenDrained();
  }

  /** terminate(): every unanswered task is rejected; workers get SIGTERM, then SIGKILL. */
  async terminate(reason: string): Promise<void> {
    this.stopping = true;
    this.size = 0;
    this.starts.stop();
    const error = new PoolStateError(reason);
    for (const task of this.queue.drain()) this.finish(task, { ok: false, error });
    const workers = [...this.workers];
    for (const worker of workers) {
      for (const task of worker.inFlight) this.finish(task, { ok: false, error });
      worker.stopReason ??= 'pool';
      worker.holdParent(true);
      worker.signal('SIGTERM');
    }
    const killer = setTimeout(() => workers.forEach((w) => w.signal('SIGKILL')), this.config.graceMs);
    await Promise.all(workers.map((w) => w.exited));
    clearTimeout(killer);
  }

  async allExited(): Promise<void> {
    while (this.workers.size > 0) await Promise.all([...this.workers].map((w) => w.exited));
  }

  private pids(): string {
    return [...this.workers].map((w) => w.pid).join(', ') || 'none';
  }

  /** Starts workers until `size` are not leaving; on demand, only those queued tasks need beyond the empty ones. */
  private fill(): void {
    if (this.broken || this.starts.paused) return;
    let active = 0;
    let empty = 0;
    for (const worker of this.workers) {
      if (worker.retiring || worker.stopReason) continue;
      active++;
      if (worker.inFlight.length === 0) empty++;
    }
    const wanted = this.config.startOnDemand ? Math.min(this.size, active + Math.max(0, this.queue.length - empty)) : this.size;
    for (; active < wanted; active++) if (!this.spawn()) return;
  }

  /** Starts a worker; false if it could not start (see WorkerStarts). */
  private spawn(): boolean {
    const name = `PoolWorker-${++workerCounter}`;
    const child = this.starts.start(name);
    if (!child) return false;
    const worker = new PoolWorker(name, child, this.init, this.handlers);
    this.workers.add(worker);
    this.config.emit('worker:start', worker.info());
    return true;
  }

  /** Workers cannot start: what waits for one fails, unless a worker is left to run it. */
  private startFailed(error: WorkerExitedError): void {
    if ([...this.workers].some((w) => !w.retiring && !w.stopReason)) return;
    for (const task of this.queue.drain()) this.finish(task, { ok: false, error });
  }

  private onMessage(worker: PoolWorker, message: OwnMessage): void {
    switch (message.t) {
      case 'ready':
        worker.ready = true;
        this.startFailures = 0;
        worker.onReady.splice(0).forEach((resolve) => resolve());
        this.startHead(worker);
        this.pump();
        break;
      case 'init-failed':
        this.breakPool(fromWireError(message.error));
        break;
      case 'result':
        this.onResult(worker, message);
        break;
      case 'taken-back':
        this.queue.unshiftAll(givenBack(worker, message.ids));
        this.pump();
        break;
      case 'progress':
        this.config.emit('progress', progressEvent(worker.pid, message, worker.inFlight.find((t) => t.id === message.id)));
        break;
    }
  }

  /** A task whose arguments passed the submit-time check but still could not be sent. */
  private onUnsendable(worker: PoolWorker, message: ParentMessage, error: Error): void {
    if (message.t !== 'run') throw error;
    const index = worker.inFlight.findIndex((t) => t.id === message.task.id);
    if (index === -1) return;
    const task = worker.inFlight.splice(index, 1)[0]!;
    const reason = new TypeError(`arguments of task ${task.id} cannot be sent to a worker process: ${error.message}`, { cause: error });
    this.finish(task, { ok: false, error: reason });
    this.startHead(worker);
    this.pump();
  }

  private onResult(worker: PoolWorker, message: Extract<OwnMessage, { t: 'result' }>): void {
    const index = worker.inFlight.findIndex((t) => t.id === message.id);
    if (index === -1) return;
    const task = worker.inFlight.splice(index, 1)[0]!;
    worker.tasksDone++;
    if (task.startedAt !== undefined) {
      const took = performance.now() - task.startedAt;
      this.averageTaskMs = Number.isFinite(this.averageTaskMs) ? this.averageTaskMs * 0.8 + took * 0.2 : took;
    }
    this.endTask(worker, task, decodeOutcome(message));
    this.startHead(worker);
    const limit = this.config.maxtasksperchild;
    if (limit !== undefined && worker.tasksDone >= limit) this.retire(worker);
    else if (worker.retiring && worker.inFlight.length === 0) this.sendExit(worker);
    this.pump();
    this.retireIdleWhenDrained();
  }

  private endTask(worker: PoolWorker, task: Task, outcome: Outcome): void {
    if (task.done) return;
    this.config.emit('task:end', endEvent(worker.pid, task, outcome));
    this.finish(task, outcome);
  }

  private onExit(worker: PoolWorker, code: number | null, signal: NodeJS.Signals | null): void {
    this.workers.delete(worker);
    remoteObjects.processExited(worker.pid);
    const exitcode = toExitcode(code, signal);
    this.config.emit('worker:exit', { pid: worker.pid, name: worker.name, exitcode, signal });
    if (!worker.ready && !worker.stopReason && !worker.retiring) {
      if (++this.startFailures >= maxStartFailures && !this.broken) {
        this.breakPool(new WorkerExitedError(
          `worker processes fail to start (the last, pid ${worker.pid}, exited with ${describeExit(code, signal)})`,
          { pid: worker.pid, exitcode, signal },
        ));
      }
    }
    const { requeue, failed } = sortDeadWorkerTasks(worker, { code, signal }, this.config.retries);
    for (const { task, error } of failed) this.endTask(worker, task, { ok: false, error });
    worker.inFlight.length = 0;
    this.queue.unshiftAll(requeue);
    if (this.broken) {
      for (const task of this.queue.drain()) this.finish(task, { ok: false, error: this.broken });
      return;
    }
    if (!this.stopping || this.queue.length > 0 || this.outstanding > 0) this.fill();
    this.pump();
    this.retireIdleWhenDrained();
  }

  /** Sends queued tasks to workers with room: idle workers first, then fills the windows. */
  private pump(): void {
    this.starts.hold(this.queue.length > 0);
    if (this.queue.length === 0) return this.takeBack.askIfStalled(this.workers);
    // (A pool at full size has nothing to start: a leaving worker's place is filled by retire() and onExit().)
    if (this.config.startOnDemand && this.workers.size < this.size) this.fill();
    const { takers, sharers } = takersOf(this.workers);
    let inFlight = 0;
    for (const worker of takers) {
      if (worker.inFlight.length === 0 && this.queue.length > 0) this.assign(worker, this.queue.shift()!);
      inFlight += worker.inFlight.length;
    }
    if (this.queue.length === 0 || !isShort(this.averageTaskMs)) return;
    // Each worker's fair share of all outstanding work, so that an imap with few tasks
    // queued (most are in flight) still sends them in batches.
    const share = Math.ceil((this.queue.length + inFlight) / sharers);
    for (const worker of takers) {
      const window = windowOf(worker, share, this.averageTaskMs, this.config.maxtasksperchild);
      // Top up only once half the window is done, so each write carries many tasks.
      if (worker.inFlight.length > window / 2) continue;
      for (let i = worker.inFlight.length; i < window && this.queue.length > 0; i++) {
        this.assign(worker, this.queue.shift()!);
      }
    }
  }

  private assign(worker: PoolWorker, task: Task): void {
    worker.inFlight.push(task);
    worker.holdParent(true);
    const { id, kind, fn, payload } = task;
    worker.channel.send({ t: 'run', task: { id, kind, fn, payload: payload.value, refs: payload.refs } });
    if (worker.inFlight.length === 1) this.startHead(worker);
  }

  /** The head of a ready worker's list is the task it is running now (see worker-exit.ts). */
  private startHead(worker: PoolWorker): void {
    const head = worker.inFlight[0];
    if (!worker.ready || !head || head.startedAt !== undefined) return;
    if (head.done) return; // cancelled while waiting; the worker answers it at once
    head.startedAt = performance.now();
    this.config.emit('task:start', startEvent(worker.pid, head));
    const { timeout } = head.options;
    if (timeout !== undefined) {
      head.timer = startTimer(timeout, () =>
        this.cancel(head, new TimeoutError(`task ${head.id} did not finish within ${timeout} ms (pid ${worker.pid})`), 'timeout'),
      );
    }
  }

  /**
   * Answers the caller now; a queued task is dropped, a running one is asked to stop through
   * its signal, and its worker is killed if it has not stopped after the grace period.
   */
  private cancel(task: Task, error: Error, reason: 'timeout' | 'abort'): void {
    if (task.done) return;
    if (this.queue.remove(task)) {
      this.finish(task, { ok: false, error });
      return;
    }
    const worker = [...this.workers].find((w) => w.inFlight.includes(task));
    this.finish(task, { ok: false, error });
    if (!worker) return;
    worker.channel.send({ t: 'cancel', id: task.id, reason });
    if (worker.inFlight[0] !== task) return;
    setTimeout(() => {
      if (worker.inFlight[0] === task && !worker.stopReason) {
        worker.stopReason = 'timeout';
        worker.signal('SIGKILL');
      }
    }, this.config.graceMs).unref();
  }

  private finish(task: Task, outcome: Outcome): void {
    if (task.done) return;
    task.done = true;
    task.timer?.clear();
    task.removeAbortListener?.();
    task.settle(outcome);
  }

  private retire(worker: PoolWorker): void {
    worker.retiring = true;
    if (worker.inFlight.length === 0) this.sendExit(worker);
    this.fill();
  }

  private sendExit(worker: PoolWorker): void {
    worker.holdParent(true);
    worker.channel.send({ t: 'exit' });
  }

  /** After close(), once nothing is left to do, every worker is told to leave; else idle ones stop holding the parent. */
  private retireIdleWhenDrained(): void {
    if (this.stopping && this.outstanding === 0) {
      this.size = 0;
      for (const worker of this.workers) {
        if (!worker.retiring) {
          worker.retiring = true;
          this.sendExit(worker);
        }
      }
      return;
    }
    // A starting worker holds the parent only if someone awaits it (resize): left as it is.
    for (const worker of this.workers) if (isIdle(worker)) worker.holdParent(false);
  }

  private breakPool(error: Error): void {
    this.broken = error;
    this.starts.stop();
    for (const task of this.queue.drain()) this.finish(task, { ok: false, error });
    for (const worker of this.workers) {
      for (const task of worker.inFlight) this.finish(task, { ok: false, error });
      worker.stopReason ??= 'pool';
      worker.signal('SIGKILL');
    }
  }
}
