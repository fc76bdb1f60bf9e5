/**
 * Manager entries lent with a manager lock. A worker's round trip costs 50-110 µs, so a
 * locked read-modify-write of a dict key (acquire, get, set, release) costs four of them,
 * where Python's Manager pays four socket round trips of ~40 µs. Manager locks are leased
 * like any Lock (main/sync/leasable-lock-state.ts), and a lease also carries the manager
 * entries that lock guards, so the worker serves them itself while it holds the lease.
 *
 * Which entries a lock guards is learned, not declared: when a worker that holds exactly one
 * manager lock reads or writes one entry by round trip (a dict key, a namespace attribute, a
 * value), that entry becomes guarded by that lock, for good. An entry is guarded by one lock
 * at most (the first); a lock guards at most `maxEntriesPerLock`; a lease carries an entry
 * only while its stored value is at most `maxLeasedBytes` (larger ones stay round trips).
 * Learning needs no declaration and no new API; a wrong guess costs nothing but a wait of at
 * most one turn of the lease holder, since correctness never depends on it:
 *
 * - Every access to a guarded entry, from the parent or any worker, waits while its lock is
 *   out on lease, and runs the moment the lease ends, before the lock passes on (whenFree()).
 *   Whole-object accesses (keys, entries, size, update, clear, …) wait if any entry of the
 *   object is out. So nobody reads a value older than the holder's writes, and no write of
 *   another process is overwritten by the lease coming back.
 * - Durability: a worker's writes under a lease are stored and committed, in one transaction,
 *   the moment the lease comes back (or turns into a plain hold), before the parent handles
 *   any later message of that worker: a worker sends nothing while it holds a lease, so its
 *   task's result, or any message, leaves after its lease. Until then they are the worker's
 *   alone: a worker that dies holding a lease loses them, as it would lose a Value's writes
 *   inside its critical section, and the lock passes on.
 */
import type { Guard, LeasableLockState } from '../sync/leasable-lock-state.js';
import { decodeValue } from './codec.js';
import type { EntriesRepo } from './entries-repo.js';
import type { Store } from './store.js';

export const maxEntriesPerLock = 32;
/** Larger encoded values are not carried: a worker holding the lock reaches them by round trip. */
export const maxLeasedBytes = 4096;

/** A manager object whose entries can be leased (its row id, and the key its worker proxies know it by). */
export interface LeasedObject {
  readonly id: number;
  readonly guardKey: number;
}

interface ObjectGuard {
  guard: Guard;
  keys: Set<string>;
}

export class EntryLeases {
  private readonly locks = new Set<LeasableLockState>();
  /** Per lock, per object id, the guard it registered and the keys it carries. */
  private readonly byLock = new Map<LeasableLockState, Map<number, ObjectGuard>>();
  /** Per object id: the lock of each guarded key, and the locks guarding any of its keys. */
  private readonly lockOfKey = new Map<number, Map<string, LeasableLockState>>();
  private readonly locksOf = new Map<number, Set<LeasableLockState>>();
  /** Commits the store now; one function, so all guards of a lease share one commit. */
  private readonly flush: () => void;

  constructor(
    private readonly store: Store,
    private readonly entries: EntriesRepo,
    private readonly isOpen: () => boolean,
  ) {
    this.flush = () => {
      if (this.store.isOpen) this.store.flush();
    };
  }

  /** A lock of this manager: its leases may carry entries. */
  addLock(lock: LeasableLockState): void {
    this.locks.add(lock);
  }

  /** A worker (`pid`) reads or writes `key` of `object` by round trip. */
  learn(object: LeasedObject, key: string, pid: number): void {
    if (this.lockOfKey.get(object.id)?.has(key)) return;
    let held: LeasableLockState | undefined;
    for (const lock of this.locks) {
      if (lock.holder !== pid || !lock.leasable) continue;
      if (held) return; // more than one: which of them guards the entry is anyone's guess
      held = lock;
    }
    if (!held || this.keysGuardedBy(held) >= maxEntriesPerLock) return;
    this.objectGuard(held, object).keys.add(key);
    let keys = this.lockOfKey.get(object.id);
    if (!keys) this.lockOfKey.set(object.id, (keys = new Map()));
    keys.set(key, held);
    let locks = this.locksOf.get(object.id);
    if (!locks) this.locksOf.set(object.id, (locks = new Set()));
    locks.add(held);
  }

  /**
   * Runs `access` once no lease is out with `key` of object `id` (undefined: with any of its
   * keys): at once, or when that lease ends.
   */
  whenFree<T>(id: number, key: string | undefined, access: () => T): T | Promise<Awaited<T>> {
    const out = key === undefined ? this.leasedLockOf(id) : this.lockOfKey.get(id)?.get(key);
    if (out === undefined || out.leasedTo === undefined) return access();
    // Checked again when the lease ends: another of the object's locks may be out by then.
    return out.afterLease(() => this.whenFree(id, key, access)) as Promise<Awaited<T>>;
  }

  /** Runs `access` once no lease is out with any entry of this manager. */
  whenAllFree<T>(access: () => T): T | Promise<Awaited<T>> {
    const out = leasedOf(this.byLock.keys());
    return out ? (out.afterLease(() => this.whenAllFree(access)) as Promise<Awaited<T>>) : access();
  }

  private leasedLockOf(id: number): LeasableLockState | undefined {
    const locks = this.locksOf.get(id);
    return locks && leasedOf(locks);
  }

  private keysGuardedBy(lock: LeasableLockState): number {
    let n = 0;
    for (const { keys } of this.byLock.get(lock)?.values() ?? []) n += keys.size;
    return n;
  }

  private objectGuard(lock: LeasableLockState, object: LeasedObject): ObjectGuard {
    let objects = this.byLock.get(lock);
    if (!objects) this.byLock.set(lock, (objects = new Map()));
    const found = objects.get(object.id);
    if (found) return found;
    const keys = new Set<string>();
    const guard: Guard = {
      key: object.guardKey,
      snapshot: () => this.snapshot(object.id, keys),
      restore: (data) => this.restore(object.id, keys, data),
      flush: this.flush,
    };
    const made = { guard, keys };
    objects.set(object.id, made);
    lock.addGuard(guard); // held weakly by the lock, strongly here
    return made;
  }

  /** What a lease carries of one object: its guarded keys' stored bytes (null: absent). */
  private snapshot(id: number, keys: Set<string>): Array<[string, Buffer | null]> | undefined {
    if (!this.isOpen()) return undefined;
    const carried: Array<[string, Buffer | null]> = [];
    for (const key of keys) {
      const bytes = this.entries.get(id, key);
      if (bytes === undefined) carried.push([key, null]);
      else if (bytes.length <= maxLeasedBytes) carried.push([key, bytes]);
    }
    return carried;
  }

  /** Stores what came back: only guarded keys, only bytes that decode; one transaction. */
  private restore(id: number, keys: Set<string>, data: unknown): void {
    if (!this.isOpen() || !Array.isArray(data)) return;
    const writes: Array<[string, Buffer | null]> = [];
    for (const entry of data) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !keys.has(entry[0])) continue;
      const bytes: unknown = entry[1];
      if (bytes === null) writes.push([entry[0], null]);
      else if (bytes instanceof Uint8Array && decodes(bytes)) writes.push([entry[0], Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]);
    }
    if (writes.length === 0) return;
    this.store
      .write(() => {
        for (const [key, bytes] of writes) {
          if (bytes === null) this.entries.delete(id, key);
          else this.entries.set(id, key, bytes);
        }
      })
      .catch(() => {
        // A failed commit rejects every write of its turn; those callers hear of it.
      });
  }
}

function leasedOf(locks: Iterable<LeasableLockState>): LeasableLockState | undefined {
  for (const lock of locks) if (lock.leasedTo !== undefined) return lock;
  return undefined;
}

function decodes(bytes: Uint8Array): boolean {
  try {
    decodeValue(bytes);
    return true;
  } catch {
    return false;
  }
}
