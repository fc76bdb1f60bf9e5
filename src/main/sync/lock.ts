/**
 * Lock: a mutual-exclusion lock shared by processes (Python's multiprocessing.Lock). Not
 * recursive: a second acquire() waits, even from the holder. In the parent, acquire() is
 * awaited like any promise; in a worker the proxy has the same methods, each a promise, so
 * `await lock.acquire(); try { … } finally { await lock.release() }` reads the same on both
 * sides. If the holder's process dies, the lock passes to the next waiter (Python deadlocks).
 */
import { SyncKind, toWaitWire, type WaitOptions } from '../../shared/sync-wire.js';
import { remoteHost, type RemoteHost, type Shareable } from '../pool/remote-objects.js';
import { lockHost, LockState, registerLockState } from './lock-state.js';
import { parentCaller } from './serve.js';

export class Lock implements Shareable {
  private readonly state: LockState;

  constructor() {
    this.state = new LockState(false, 'Lock');
    registerLockState(this, this.state);
  }

  /** Resolves true once held; false if `block: false` or the timeout (ms) ran out first. */
  async acquire(options?: WaitOptions): Promise<boolean> {
    return this.state.acquire(parentCaller.pid, toWaitWire(options, 'Lock.acquire()'));
  }

  /** Throws ValueError if the lock is not held. */
  release(): void {
    this.state.release(parentCaller.pid);
  }

  [remoteHost](): RemoteHost {
    return lockHost(SyncKind.Lock, this.state);
  }
}
