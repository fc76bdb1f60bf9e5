/**
 * Lock, Semaphore and BoundedSemaphore of the parent, inside a worker (RLock has its own,
 * rlock-proxy.ts): the same
 * acquire({ block, timeout }) and release(), each a round trip returning a promise. The lock
 * itself lives in the parent; this worker's PID is its owner while it holds it, and if this
 * process dies holding it, the parent hands it to the next waiter.
 */
import { toWaitWire, type WaitOptions } from '../../shared/sync-wire.js';
import type { RemoteRef } from '../../shared/wire-value.js';
import type { RemoteCall } from '../remote-proxy.js';
import { attempt } from './attempt.js';

export class LockProxy {
  readonly kind: string;

  constructor(
    ref: RemoteRef,
    protected readonly call: RemoteCall,
  ) {
    this.kind = ref.kind;
  }

  /** Resolves true once held; false if `block: false` or the timeout (ms) ran out first. */
  acquire(options?: WaitOptions): Promise<boolean> {
    return attempt(() => this.call('acquire', [toWaitWire(options, 'acquire()')]) as Promise<boolean>);
  }

  release(): Promise<void> {
    return this.call('release', []) as Promise<void>;
  }
}

export class SemaphoreProxy extends LockProxy {
  getValue(): Promise<number> {
    return this.call('getValue', []) as Promise<number>;
  }
}
