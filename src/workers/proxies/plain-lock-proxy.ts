/**
 * Primitives of the parent taken and let go by round trip, inside a worker: Semaphore and
 * BoundedSemaphore (with getValue()), and Condition (condition-proxy.ts), whose lock is never
 * leased. Lock and RLock have lock-proxy.ts, with leases. If this process dies holding one,
 * the parent lets go of it for it.
 */
import { toWaitWire, type WaitOptions } from '../../shared/sync-wire.js';
import type { RemoteRef } from '../../shared/wire-value.js';
import type { RemoteCall } from '../remote-proxy.js';
import { attempt } from './attempt.js';

export class PlainLockProxy {
  readonly kind: string;

  constructor(
    ref: RemoteRef,
    protected readonly call: RemoteCall,
    private readonly name = 'Semaphore',
  ) {
    this.kind = ref.kind;
  }

  /** Resolves true once taken; false if `block: false` or the timeout (ms) ran out first. */
  acquire(options?: WaitOptions): Promise<boolean> {
    return attempt(() => this.call('acquire', [toWaitWire(options, `${this.name}.acquire()`)]) as Promise<boolean>);
  }

  release(): Promise<void> {
    return this.call('release', []) as Promise<void>;
  }
}

export class SemaphoreProxy extends PlainLockProxy {
  getValue(): Promise<number> {
    return this.call('getValue', []) as Promise<number>;
  }
}
