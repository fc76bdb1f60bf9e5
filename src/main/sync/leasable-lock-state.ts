/**
 * The state of a Lock or an RLock, plus leases: the way a worker takes the lock without a
 * round trip each time. A round trip costs tens of microseconds; Python's lock costs well
 * under one. So when a worker's acquire() finds the lock free, it gets it on lease, together
 * with the contents the lock guards: Values and SharedArrays (see guarded.ts) and the
 * manager entries it has learned to guard (main/state/entry-leases.ts). While it holds the
 * lease, the worker acquires, releases, reads and writes them locally
 * (workers/proxies/lock-proxy.ts).
 *
 * A lease lasts one stretch of the worker's code in which it sends nothing, within one turn
 * of its event loop. When the turn ends, or before any other message leaves the worker, the
 * lease ends with what was written: a lock no longer held goes back (returnLease), one still
 * held becomes a plain hold (holdLease), released from then on by round trip. So a lock is
 * only ever "leased and held" for a moment no other process could tell from a plain hold.
 *
 * To everyone else, the worker holds the lock while the lease is out. What needs the real
 * state waits until the lease ends, which is at most one turn of the worker (afterLease()):
 * accesses to the contents it carries, and a release of a Lock by another process (Python
 * lets any process release a Lock). A waiting operation runs the moment the lease ends,
 * before the lock passes on: a release then releases the worker's plain hold, or, if the
 * worker had let go in its turn, finds the lock free and throws ValueError, as a release one
 * step later would in Python. An RLock's owner is a process, so nobody else may release it
 * and nothing about releases changes.
 *
 * A Condition's lock is never leased: wait() must see the real owner and count.
 */
import type { WaitWire } from '../../shared/sync-wire.js';
import { isGone } from './gone-processes.js';
import { LockState } from './lock-state.js';

export interface Guard {
  readonly key: number;
  /** The contents a lease carries, or undefined when too large to carry (then accessed by round trip). */
  snapshot(): unknown;
  restore(data: unknown): void;
  /** Runs once after all of a lease's writes are restored; guards that share it share one run (one commit). */
  readonly flush?: () => void;
}

export type LeaseGrant = { lease: Array<[number, unknown]> };

/**
 * A lease holder that exits may still have its last messages (what it wrote) in the pipe:
 * they can be read after its exit is seen. The lock waits this long for them before passing on.
 */
const orphanGraceMs = 100;

export class LeasableLockState extends LockState {
  /** Off for a Condition's lock. */
  leasable = true;
  private leaseHolder: number | undefined;
  private readonly guards = new Map<number, WeakRef<Guard>>();
  /** Operations waiting for the lease to end, in arrival order. */
  private waiting: Array<() => void> = [];

  /** The process holding the lock on lease, if any. */
  get leasedTo(): number | undefined {
    return this.leaseHolder;
  }

  addGuard(guard: Guard): void {
    this.guards.set(guard.key, new WeakRef(guard));
  }

  /** A worker's acquire(): a lease when it takes a free lock, a plain grant otherwise. */
  acquireLease(pid: number, wait: WaitWire): boolean | LeaseGrant | Promise<boolean | LeaseGrant> {
    const granted = this.acquire(pid, wait);
    return typeof granted === 'boolean' ? this.lease(pid, granted) : granted.then((ok) => this.lease(pid, ok));
  }

  /** The lease ends with the lock let go: what the worker wrote is stored, then the lock passes on. */
  returnLease(pid: number, values: unknown): void {
    if (this.leaseHolder !== pid) return; // stale: the lease already ended
    this.restore(values);
    this.endLease(false);
  }

  /** The lease ends with the lock still held (`count` times): a plain hold from now on. */
  holdLease(pid: number, values: unknown, count: unknown): void {
    if (this.leaseHolder !== pid) return;
    this.restore(values);
    // Sent just before it died (its exit is already seen): its hold ends with it.
    if (isGone(pid)) return this.endLease(false);
    if (this.recursive && typeof count === 'number' && Number.isInteger(count) && count > 0) this.count = count;
    this.endLease(true);
  }

  /**
   * Runs `access` now if no lease is out, else once the lease ends (within a turn of its
   * holder), before the lock passes on; resolves or rejects with its outcome.
   */
  afterLease<T>(access: () => T): T | Promise<Awaited<T>> {
    if (this.leaseHolder === undefined) return access();
    return new Promise<Awaited<T>>((resolve, reject) => {
      this.waiting.push(() => {
        try {
          resolve(access() as Awaited<T>);
        } catch (error) {
          reject(error as Error);
        }
      });
    });
  }

  override release(pid: number): void | Promise<void> {
    const holder = this.leaseHolder;
    if (holder !== undefined && holder !== pid && !this.recursive && !isGone(pid)) {
      return this.afterLease(() => super.release(pid));
    }
    if (holder === pid) this.endLease(true); // a proxy that lost track of its lease: plain again
    return super.release(pid);
  }

  override releaseAll(pid: number): number {
    if (this.leaseHolder === pid) this.endLease(true);
    return super.releaseAll(pid);
  }

  override processExited(pid: number): void {
    if (this.leaseHolder !== pid) return super.processExited(pid);
    this.waiters.dropProcess(pid);
    setTimeout(() => {
      // Unless its returnLease or holdLease arrived late and was applied.
      if (this.leaseHolder === pid) this.endLease(false);
    }, orphanGraceMs);
  }

  private lease(pid: number, granted: boolean): boolean | LeaseGrant {
    const fresh = granted && this.holder === pid && this.count === 1;
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

  /** Runs what waited for the lease, then lets the lock pass on unless it is still held. */
  private endLease(held: boolean): void {
    this.leaseHolder = undefined;
    if (!held) {
      this.owner = undefined;
      this.count = 0;
    }
    const waiting = this.waiting;
    this.waiting = [];
    for (const run of waiting) run();
    if (this.owner === undefined) this.handOff();
  }

  /** Stores what a worker wrote; the worker checked it already, and it is checked again here. */
  private restore(values: unknown): void {
    if (!Array.isArray(values)) return;
    const flushes = new Set<() => void>();
    for (const entry of values) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'number') continue;
      const guard = this.guards.get(entry[0])?.deref();
      try {
        guard?.restore(entry[1]);
      } catch {
        // A malformed write from a worker changes nothing; the lock still passes on.
      }
      if (guard?.flush) flushes.add(guard.flush);
    }
    for (const flush of flushes) flush();
  }
}
