/**
 * An RLock's state, plus leases: the way a worker takes the lock without a round trip each
 * time. A round trip costs tens of microseconds; Python's lock costs well under one. So when
 * a worker's acquire() finds the lock free, it gets it on lease, with the current contents of
 * the Values and SharedArrays the lock guards (see guarded.ts). Until the end of its current
 * turn of the event loop (and at most a few ms, see workers/proxies/rlock-proxy.ts) the
 * worker acquires, releases, reads and writes them locally, then hands the lock back with
 * what it wrote. To everyone else the worker simply holds the lock for that time.
 *
 * Only RLocks are leased: their owner is a process, so nobody else may release them, which
 * a Lock allows (and a lease could not honour). A Condition's lock is never leased.
 */
import { LockState } from './lock-state.js';
import type { WaitWire } from '../../shared/sync-wire.js';

export interface Guard {
  readonly key: number;
  /** The contents a lease carries, or undefined when too large to carry (then accessed by round trip). */
  snapshot(): unknown;
  restore(data: unknown): void;
}

export type LeaseGrant = { lease: Array<[number, unknown]> };

/**
 * A lease holder that exits may still have its last messages (what it wrote) in the pipe:
 * they can be read after its exit is seen. The lock waits this long for them before passing on.
 */
const orphanGraceMs = 100;

export class RLockState extends LockState {
  /** Off for a Condition's lock: Condition.wait() must see the real owner and count. */
  leasable = true;
  private leaseHolder: number | undefined;
  private readonly guards = new Map<number, WeakRef<Guard>>();

  constructor() {
    super(true, 'RLock');
  }

  addGuard(guard: Guard): void {
    this.guards.set(guard.key, new WeakRef(guard));
  }

  /** A worker's acquire(): a lease when it takes a free lock, a plain grant otherwise. */
  acquireLease(pid: number, wait: WaitWire): boolean | LeaseGrant | Promise<boolean | LeaseGrant> {
    const granted = this.acquire(pid, wait);
    return typeof granted === 'boolean' ? this.lease(pid, granted) : granted.then((ok) => this.lease(pid, ok));
  }

  /** The lease ends: what the worker wrote is stored, then the lock passes on. */
  returnLease(pid: number, values: unknown): void {
    if (this.leaseHolder !== pid) return; // stale: the lease already ended
    this.restore(values);
    this.leaseHolder = undefined;
    this.handOff();
  }

  /** What a lease holder wrote so far, sent before it exits or while it still holds the lock. */
  writeBack(pid: number, values: unknown): void {
    if (this.leaseHolder === pid) this.restore(values);
  }

  override release(pid: number): void {
    if (this.leaseHolder === pid) this.leaseHolder = undefined; // a proxy that lost track: plain again
    super.release(pid);
  }

  override releaseAll(pid: number): number {
    if (this.leaseHolder === pid) this.leaseHolder = undefined;
    return super.releaseAll(pid);
  }

  override processExited(pid: number): void {
    if (this.leaseHolder !== pid) return super.processExited(pid);
    this.waiters.dropProcess(pid);
    setTimeout(() => {
      if (this.leaseHolder !== pid) return; // its returnLease arrived late and was applied
      this.leaseHolder = undefined;
      this.handOff();
    }, orphanGraceMs);
  }

  private lease(pid: number, granted: boolean): boolean | LeaseGrant {
    const fresh = granted && this.owner === pid && this.count === 1;
    if (!fresh || !this.leasable || this.leaseHolder !== undefined || pid === process.pid) return granted;
    this.leaseHolder = pid;
    const lease: Array<[number, unknown]> = [];
    for (const [key, ref] of this.guards) {
      const guard = ref.deref();
      if (!guard) {
        this.guards.delete(key);
        continue;
      }
      const data = guard.snapshot();
      if (data !== undefined) lease.push([key, data]);
    }
    return { lease };
  }

  /** Stores what a worker wrote; the worker coerced it already, and it is checked again here. */
  private restore(values: unknown): void {
    if (!Array.isArray(values)) return;
    for (const entry of values) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'number') continue;
      try {
        this.guards.get(entry[0])?.deref()?.restore(entry[1]);
      } catch {
        // A malformed write from a worker changes nothing; the lock still passes on.
      }
    }
  }
}
