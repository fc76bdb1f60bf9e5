/**
 * Lock: a mutual-exclusion lock shared by processes (Python's multiprocessing.Lock). Not
 * recursive: a second acquire() waits, even from the holder; any process may release it, as
 * in Python. In the parent, acquire() is awaited like any promise; in a worker the proxy has
 * the same methods, each a promise, so
 * `await lock.acquire(); try { … } finally { await lock.release() }` reads the same on both
 * sides. A worker that finds it free takes it on lease (see leasable-lock-state.ts). If the
 * holder's process dies, the lock passes to the next waiter (Python deadlocks).
 */
import { SyncKind } from '../../shared/sync-wire.js';
import { BaseLock } from './base-lock.js';

export class Lock extends BaseLock {
  constructor() {
    super(false, 'Lock', SyncKind.Lock);
  }
}
