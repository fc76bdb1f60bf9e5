/**
 * RLock: a re-entrant lock (Python's multiprocessing.RLock). Its owner is a process: the
 * same process may acquire it again, and must release it as many times. In the parent every
 * async function shares the parent's identity, so they all count as the one owner. A worker
 * that finds it free takes it on lease (see leasable-lock-state.ts): cheap to take again and again.
 */
import { SyncKind } from '../../shared/sync-wire.js';
import { BaseLock } from './base-lock.js';

export class RLock extends BaseLock {
  constructor() {
    super(true, 'RLock', SyncKind.RLock);
  }
}
