/**
 * How workers reach a Lock or an RLock: plain acquire and release, and the lease calls of
 * their proxies (see leasable-lock-state.ts).
 */
import { toWaitWire } from '../../shared/sync-wire.js';
import type { RemoteHost } from '../pool/remote-objects.js';
import type { LeasableLockState } from './leasable-lock-state.js';
import { serve } from './serve.js';

export function lockHost(kind: string, state: LeasableLockState): RemoteHost {
  const what = `${state.name}.acquire()`;
  return serve(
    kind,
    {
      acquire: (caller, [wait]) => state.acquire(caller.pid, toWaitWire(wait, what)),
      release: (caller) => state.release(caller.pid),
      acquireLease: (caller, [wait]) => state.acquireLease(caller.pid, toWaitWire(wait, what)),
      returnLease: (caller, [values]) => state.returnLease(caller.pid, values),
      holdLease: (caller, [values, count]) => state.holdLease(caller.pid, values, count),
    },
    { processExited: (pid) => state.processExited(pid) },
  );
}
