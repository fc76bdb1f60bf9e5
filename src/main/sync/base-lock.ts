/**
 * What Lock and RLock share: the parent's acquire() and release(), and the host through
 * which workers take them, on lease when they find them free (see leasable-lock-state.ts).
 */
import { toWaitWire, type WaitOptions } from '../../shared/sync-wire.js';
import { remoteHost, type RemoteHost, type Shareable } from '../pool/remote-objects.js';
import { LeasableLockState } from './leasable-lock-state.js';
import { lockHost } from './lock-host.js';
import { registerLockState } from './lock-state.js';
import { parentCaller } from './serve.js';

export abstract class BaseLock implements Shareable {
  private readonly state: LeasableLockState;

  protected constructor(
    recursive: boolean,
    name: string,
    private readonly kind: string,
  ) {
    this.state = new LeasableLockState(recursive, name);
    registerLockState(this, this.state);
  }

  /** Resolves true once held; false if `block: false` or the timeout (ms) ran out first. */
  async acquire(options?: WaitOptions): Promise<boolean> {
    return this.state.acquire(parentCaller.pid, toWaitWire(options, `${this.state.name}.acquire()`));
  }

  /**
   * Throws ValueError if the lock is not held (an RLock: not held by this process). Returns a
   * promise only when the release must wait: a Lock out on lease to a worker, for at most one
   * turn of that worker's event loop (see leasable-lock-state.ts).
   */
  release(): void | Promise<void> {
    return this.state.release(parentCaller.pid);
  }

  [remoteHost](): RemoteHost {
    return lockHost(this.kind, this.state);
  }
}
