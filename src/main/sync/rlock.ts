/**
 * RLock: a re-entrant lock (Python's multiprocessing.RLock). Its owner is a process: the
 * same process may acquire it again, and must release it as many times. In the parent every
 * async function shares the parent's identity, so they all count as the one owner. A worker
 * that finds it free takes it on lease (see rlock-state.ts): cheap to take again and again.
 */
import { SyncKind, toWaitWire, type WaitOptions } from '../../shared/sync-wire.js';
import { remoteHost, type RemoteHost, type Shareable } from '../pool/remote-objects.js';
import { lockHost, registerLockState } from './lock-state.js';
import { RLockState } from './rlock-state.js';
import { parentCaller, serve } from './serve.js';

export class RLock implements Shareable {
  private readonly state = new RLockState();

  constructor() {
    registerLockState(this, this.state);
  }

  async acquire(options?: WaitOptions): Promise<boolean> {
    return this.state.acquire(parentCaller.pid, toWaitWire(options, 'RLock.acquire()'));
  }

  /** Throws ValueError if this process does not hold the lock. */
  release(): void {
    this.state.release(parentCaller.pid);
  }

  [remoteHost](): RemoteHost {
    const plain = lockHost(SyncKind.RLock, this.state);
    return serve(
      SyncKind.RLock,
      {
        acquire: (caller, args) => plain.call('acquire', args, caller),
        release: (caller, args) => plain.call('release', args, caller),
        acquireLease: (caller, [wait]) => this.state.acquireLease(caller.pid, toWaitWire(wait, 'RLock.acquire()')),
        returnLease: (caller, [values]) => this.state.returnLease(caller.pid, values),
        writeBack: (caller, [values]) => this.state.writeBack(caller.pid, values),
      },
      { processExited: (pid) => this.state.processExited(pid) },
    );
  }
}
