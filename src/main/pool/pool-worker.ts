/** One worker process as the pool sees it: its channel, its state and the tasks it holds. */
import type { ChildProcess } from 'node:child_process';
import { signalChild } from './exit-status.js';
import type { ParentMessage, WireTaskRef, WorkerInit } from '../../shared/worker-protocol.js';
import type { Payload } from './payload.js';
import type { Task } from './task.js';
import { WorkerChannel, type OwnMessage } from './worker-channel.js';

export type WorkerState = 'starting' | 'idle' | 'busy' | 'exiting';

export interface WorkerInfo {
  pid: number;
  name: string;
  state: WorkerState;
  taskId?: number;
  tag?: string;
  tasksDone: number;
  startedAt: number;
}

/** What every worker of a pool is told as it starts, its name aside. */
export function workerInit(options: { defaultModule?: string; initializer?: WireTaskRef; initargs?: Payload }): Omit<WorkerInit, 't' | 'name'> {
  const { defaultModule, initializer, initargs } = options;
  return {
    ...(defaultModule && { defaultModule }),
    ...(initializer && { initializer }),
    ...(initargs && { initargs: initargs.value as unknown[], initargsRefs: initargs.refs }),
  };
}

/** What the owner of a worker hears of it. */
export interface WorkerHandlers {
  onMessage(worker: PoolWorker, message: OwnMessage): void;
  onExit(worker: PoolWorker, code: number | null, signal: NodeJS.Signals | null): void;
  /** A message that could not be sent to it. */
  onUnsendable(worker: PoolWorker, message: ParentMessage, error: Error): void;
}

export class PoolWorker {
  readonly pid: number;
  readonly channel: WorkerChannel;
  readonly startedAt = Date.now();
  /** Tasks sent and not yet answered, in the order the worker runs them; the head is running. */
  readonly inFlight: Task[] = [];
  ready = false;
  tasksDone = 0;
  /** The tasks queued behind its running one were asked back, and it has not answered yet. */
  takingBack = false;
  /** Takes no new tasks; leaves once what it holds is done (resize, maxtasksperchild, close). */
  retiring = false;
  /** Why we asked it to go, if we did: a user's kill never retries the task it ran. */
  stopReason: 'user' | 'pool' | 'timeout' | undefined;
  readonly exited: Promise<void>;
  /** Called once the worker is ready, or has exited without becoming ready. */
  readonly onReady: Array<() => void> = [];
  private holding = true;

  /** `child` has started (it has a PID: see trySpawnWorker); `init` is what it is told first, its name aside. */
  constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    init: Omit<WorkerInit, 't' | 'name'>,
    handlers: WorkerHandlers,
  ) {
    this.pid = child.pid!;
    this.channel = new WorkerChannel(
      this.child,
      (message) => handlers.onMessage(this, message),
      (message, error) => handlers.onUnsendable(this, message, error),
    );
    this.channel.send({ t: 'init', name, ...init });
    this.exited = new Promise((resolve) => {
      // 'close', not 'exit': messages the worker sent just before it died may still be in flight at 'exit'.
      this.child.once('close', (code, signal) => {
        handlers.onExit(this, code, signal);
        this.onReady.splice(0).forEach((wake) => wake());
        resolve();
      });
    });
    this.holdParent(false);
  }

  /** A worker keeps the parent alive only while it holds work, so an idle pool never does. */
  holdParent(on: boolean): void {
    if (on === this.holding) return;
    this.holding = on;
    this.channel.keepAlive(on);
  }

  /** To its process group, while it has not been reaped (see exit-status.ts). */
  signal(signal: NodeJS.Signals): void {
    signalChild(this.child, signal);
  }

  get state(): WorkerState {
    if (this.retiring || this.stopReason) return 'exiting';
    if (!this.ready) return 'starting';
    return this.inFlight.length > 0 ? 'busy' : 'idle';
  }

  get running(): Task | undefined {
    const head = this.inFlight[0];
    return head?.startedAt !== undefined ? head : undefined;
  }

  info(): WorkerInfo {
    const running = this.running;
    return {
      pid: this.pid,
      name: this.name,
      state: this.state,
      ...(running && { taskId: running.id }),
      ...(running?.options.tag !== undefined && { tag: running.options.tag }),
      tasksDone: this.tasksDone,
      startedAt: this.startedAt,
    };
  }
}
