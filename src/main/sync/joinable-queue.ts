/**
 * JoinableQueue: a Queue that counts unfinished tasks (Python's multiprocessing.JoinableQueue).
 * Every item put adds one; taskDone() takes one away (one call too many throws ValueError);
 * join() resolves when the count is back to zero, that is when every item put has been got
 * and marked done.
 */
import { ValueError } from '../../shared/errors.js';
import { SyncKind } from '../../shared/sync-wire.js';
import { Queue } from './queue.js';
import { parentCaller, type RemoteMethod } from './serve.js';
import { WaitList } from './wait-list.js';

export class JoinableQueue<T = unknown> extends Queue<T> {
  private unfinished = 0;
  private readonly joiners = new WaitList<undefined, void>();

  taskDone(): void {
    if (this.unfinished === 0) throw new ValueError('JoinableQueue.taskDone(): called more times than there were items put');
    if (--this.unfinished > 0) return;
    for (const joiner of this.joiners.takeAll()) joiner.resolve();
  }

  /** Resolves once every item put so far has been got and marked with taskDone(). */
  async join(): Promise<void> {
    return this.joinAs(parentCaller.pid);
  }

  protected override accepted(): void {
    this.unfinished++;
  }

  protected override get kind(): string {
    return SyncKind.JoinableQueue;
  }

  protected override remoteMethods(): Record<string, RemoteMethod> {
    return {
      ...super.remoteMethods(),
      taskDone: () => this.taskDone(),
      join: (caller) => this.joinAs(caller.pid),
    };
  }

  protected override processExited(pid: number): void {
    super.processExited(pid);
    this.joiners.dropProcess(pid);
  }

  private joinAs(pid: number): void | Promise<void> {
    if (this.unfinished === 0) return;
    return this.joiners.wait(pid, undefined, null, () => undefined);
  }
}
