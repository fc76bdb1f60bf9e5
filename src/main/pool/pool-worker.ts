/** One worker process as the pool sees it: its channel, its state and the tasks it holds. */
import type { ChildProcess } from 'node:child_process';
import { spawnWorker } from './spawn-worker.js';
import type { ParentMessage } from '../../shared/worker-protocol.js';
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

export class PoolWorker {
  readonly child: ChildProcess;
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

  constructor(
    readonly name: string,
    onMessage: (worker: PoolWorker, message: OwnMessage) => void,
    onExit: (worker: PoolWorker, code: number | null, signal: NodeJS.Signals | null) => void,
    onUnsendable: (worker: PoolWorker, message: ParentMessage, error: Error) => void,
  ) {
    this.child = spawnWorker({ name, daemon: true });
    this.channel = new WorkerChannel(
      this.child,
      (message) => onMessage(this, message),
      (message, error) => onUnsendable(this, message, error),
    );
    this.exited = new Promise((resolve) => {
      // 'close', not 'exit': messages the worker sent just before it died may still be in flight at 'exit'.
      this.child.once('close', (code, signal) => {
        onExit(this, code, signal);
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

  get pid(): number {
    return this.child.pid ?? -1;
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
