/**
 * A Condition of the parent, inside a worker. waitFor() cannot send its predicate to the
 * parent (a function does not cross processes), so it loops here: evaluate, wait(), evaluate
 * again, with the lock held each time the predicate runs, as in Python.
 */
import { waitForPredicate } from '../../shared/wait-for.js';
import { toTimeout } from '../../shared/timeout.js';
import type { RemoteRef } from '../../shared/wire-value.js';
import type { RemoteCall } from '../remote-proxy.js';
import { attempt } from './attempt.js';
import { PlainLockProxy } from './plain-lock-proxy.js';

export class ConditionProxy extends PlainLockProxy {
  constructor(ref: RemoteRef, call: RemoteCall) {
    super(ref, call, 'Condition');
  }

  /** Resolves true when notified, false on timeout; either way with the lock held again. */
  wait(timeoutMs?: number): Promise<boolean> {
    return attempt(() => this.call('wait', [toTimeout(timeoutMs, 'Condition.wait()')]) as Promise<boolean>);
  }

  /** Waits until `predicate()` is truthy or the timeout runs out; resolves its last value. */
  async waitFor<T>(predicate: () => T | PromiseLike<T>, timeoutMs?: number): Promise<T> {
    const timeout = toTimeout(timeoutMs, 'Condition.waitFor()');
    return waitForPredicate(predicate, (remaining) => this.call('wait', [remaining]), timeout);
  }

  notify(n = 1): Promise<void> {
    return this.call('notify', [n]) as Promise<void>;
  }

  notifyAll(): Promise<void> {
    return this.call('notifyAll', []) as Promise<void>;
  }
}
