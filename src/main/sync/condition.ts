/**
 * Condition: a lock plus a place to wait for a change (Python's multiprocessing.Condition).
 * Hold the lock, then wait(): it lets go of the lock, sleeps until notify() (or the timeout),
 * and takes the lock back before it resolves. waitFor(predicate) loops over wait() until the
 * predicate holds; in a worker the predicate runs in the worker, between round trips.
 */
import { waitForPredicate } from '../../shared/wait-for.js';
import { ValueError } from '../../shared/errors.js';
import { SyncKind, toWaitWire, type WaitOptions } from '../../shared/sync-wire.js';
import { toTimeout } from '../../shared/timeout.js';
import { remoteHost, type RemoteHost, type Shareable } from '../pool/remote-objects.js';
import type { Lock } from './lock.js';
import { lockStateOf, type LockState } from './lock-state.js';
import { RLock } from './rlock.js';
import { LeasableLockState } from './leasable-lock-state.js';
import { countArg, parentCaller, serve } from './serve.js';
import { WaitList } from './wait-list.js';

const forever = { block: true, timeout: null } as const;

export class Condition implements Shareable {
  private readonly state: LockState;
  private readonly waiters = new WaitList<undefined, boolean>();

  /** Uses `lock` when given (a Lock or an RLock), else a new RLock, as Python does. */
  constructor(lock?: Lock | RLock) {
    this.state = lockStateOf(lock ?? new RLock());
    // wait() must see the real owner and count of the lock, so it is never lent out.
    if (this.state instanceof LeasableLockState) this.state.leasable = false;
  }

  async acquire(options?: WaitOptions): Promise<boolean> {
    return this.state.acquire(parentCaller.pid, toWaitWire(options, 'Condition.acquire()'));
  }

  /** As Lock.release(): a promise only when the release must wait for a lease to come back. */
  release(): void | Promise<void> {
    return this.state.release(parentCaller.pid);
  }

  /** Resolves true when notified, false when the timeout ran out; either way with the lock held. */
  async wait(timeoutMs?: number): Promise<boolean> {
    return this.waitAs(parentCaller.pid, toTimeout(timeoutMs, 'Condition.wait()'));
  }

  /** Waits until `predicate()` is truthy or the timeout runs out; resolves its last value. */
  async waitFor<T>(predicate: () => T | PromiseLike<T>, timeoutMs?: number): Promise<T> {
    const timeout = toTimeout(timeoutMs, 'Condition.waitFor()');
    return waitForPredicate(predicate, (remaining) => this.waitAs(parentCaller.pid, remaining), timeout);
  }

  /** Wakes up to `n` waiters; the lock must be held. */
  notify(n = 1): void {
    this.notifyAs(parentCaller.pid, countArg(n, 'Condition.notify(n)'));
  }

  notifyAll(): void {
    this.notifyAs(parentCaller.pid, Number.POSITIVE_INFINITY);
  }

  private async waitAs(pid: number, timeout: number | null): Promise<boolean> {
    if (!this.state.ownedBy(pid)) throw new ValueError('Condition.wait(): cannot wait on an un-acquired lock; acquire() first');
    const count = this.state.releaseAll(pid);
    // A process that dies while waiting is dropped here and never takes the lock back.
    const notified = await this.waiters.wait(pid, undefined, timeout, () => false);
    await this.state.acquire(pid, forever, count);
    return notified;
  }

  private notifyAs(pid: number, n: number): void {
    if (!this.state.ownedBy(pid)) throw new ValueError('Condition.notify(): cannot notify on an un-acquired lock; acquire() first');
    for (let i = 0; i < n; i++) {
      const waiter = this.waiters.shift();
      if (!waiter) break;
      waiter.resolve(true);
    }
  }

  [remoteHost](): RemoteHost {
    return serve(
      SyncKind.Condition,
      {
        acquire: (caller, [wait]) => this.state.acquire(caller.pid, toWaitWire(wait, 'Condition.acquire()')),
        release: (caller) => this.state.release(caller.pid),
        wait: (caller, [timeout]) => this.waitAs(caller.pid, toTimeout(timeout, 'Condition.wait()')),
        notify: (caller, [n]) => this.notifyAs(caller.pid, countArg(n, 'Condition.notify(n)')),
        notifyAll: (caller) => this.notifyAs(caller.pid, Number.POSITIVE_INFINITY),
      },
      {
        processExited: (pid) => {
          this.waiters.dropProcess(pid);
          // The lock may not be shared on its own, so it hears of the exit through us too.
          this.state.processExited(pid);
        },
      },
    );
  }
}
