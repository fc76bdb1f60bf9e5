/**
 * Value: one C value shared by processes (Python's multiprocessing.Value), with Python's
 * typecodes ('i', 'd', 'c', …, see shared/typecodes.ts). It lives in the parent. With
 * `lock: true` (the default) it comes with an RLock, getLock(), and every get() and set()
 * waits while another process holds that lock, as in Python. To make a read-modify-write
 * atomic, hold the lock around it:
 *
 *   const lock = counter.getLock();
 *   await lock.acquire();
 *   try { await counter.set((await counter.get()) + 1); } finally { await lock.release(); }
 *
 * The same lines run in the parent and in a worker. In a worker, holding the lock brings the
 * value along (a lease, see leasable-lock-state.ts), so such a loop costs no round trip per step.
 */
import { checkTypecode, TypedStore, type Typecode, type TypecodeInput, type TypecodeValue } from '../../shared/typecodes.js';
import { SyncKind } from '../../shared/sync-wire.js';
import { remoteHost, remoteObjects, type RemoteHost, type Shareable } from '../pool/remote-objects.js';
import { guardContents, guarded, stateOf, type LockOption } from './guarded.js';
import { Lock } from './lock.js';
import type { LockState } from './lock-state.js';
import { RLock } from './rlock.js';
import type { Guard } from './leasable-lock-state.js';
import { parentCaller, serve } from './serve.js';

export interface ValueOptions {
  /** true (default): a new RLock; a Lock or RLock of your own; false: no lock at all. */
  lock?: LockOption;
}

export class Value<C extends Typecode = Typecode> implements Shareable {
  readonly typecode: C;
  private readonly store: TypedStore<C>;
  private readonly lock: Lock | RLock | undefined;
  private readonly lockState: LockState | undefined;
  private readonly guard: Guard | undefined;

  constructor(typecode: C, init?: TypecodeInput<C>, options: ValueOptions = {}) {
    this.typecode = checkTypecode(typecode, `${new.target.name}(typecode)`) as C;
    this.store = new TypedStore(this.typecode, 1);
    if (init !== undefined) this.store.write(0, init);
    this.lock = makeLock(options.lock);
    this.lockState = stateOf(this.lock);
    this.guard = guardContents(this.lockState, {
      snapshot: () => this.store.read(0),
      restore: (data) => this.store.write(0, data),
    });
  }

  /** The value; waits while another process holds the lock. */
  async get(): Promise<TypecodeValue<C>> {
    return guarded(this.lockState, parentCaller.pid, () => this.store.read(0));
  }

  /** Stores `value` as the C type would (an 'i' wraps at 32 bits); what it cannot hold is a TypeError. */
  async set(value: TypecodeInput<C>): Promise<void> {
    const raw = this.store.coerce(value);
    return guarded(this.lockState, parentCaller.pid, () => this.store.put(0, raw));
  }

  /** The lock that guards this value; a TypeError for a value made without one (RawValue, lock: false). */
  getLock(): Lock | RLock {
    if (!this.lock) throw new TypeError(`${this.constructor.name}('${this.typecode}') has no lock (made with lock: false)`);
    return this.lock;
  }

  [remoteHost](): RemoteHost {
    return serve(
      SyncKind.Value,
      {
        get: (caller) => guarded(this.lockState, caller.pid, () => this.store.read(0)),
        set: (caller, [value]) => {
          const raw = this.store.coerce(value);
          return guarded(this.lockState, caller.pid, () => this.store.put(0, raw));
        },
      },
      // The lock's reference rides along, so getLock() in a worker needs no round trip.
      {
        props: {
          typecode: this.typecode,
          lock: this.lock ? remoteObjects.refFor(this.lock) : null,
          guardKey: this.guard?.key ?? null,
        },
      },
    );
  }
}

export function makeLock(option: LockOption): Lock | RLock | undefined {
  if (option === undefined || option === true) return new RLock();
  if (option === false) return undefined;
  if (option instanceof Lock || option instanceof RLock) return option;
  throw new TypeError('lock must be true, false, a Lock or an RLock');
}
