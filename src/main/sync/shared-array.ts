/**
 * SharedArray: a fixed-length array of C values shared by processes (Python's
 * multiprocessing.Array, renamed so it does not shadow the global Array). Typecodes, the
 * lock, waiting and leases work as for Value; indexes may be negative, as in Python.
 */
import { checkTypecode, TypedStore, type Typecode, type TypecodeInput, type TypecodeValue } from '../../shared/typecodes.js';
import { SyncKind } from '../../shared/sync-wire.js';
import { remoteHost, remoteObjects, type RemoteHost, type Shareable } from '../pool/remote-objects.js';
import { guardContents, guarded, stateOf } from './guarded.js';
import type { Lock } from './lock.js';
import type { LockState } from './lock-state.js';
import type { RLock } from './rlock.js';
import type { Guard } from './leasable-lock-state.js';
import { parentCaller, serve } from './serve.js';
import { makeLock, type ValueOptions } from './value.js';

/** Larger arrays are not carried by a lease: a worker holding the lock reads them by round trip. */
const maxLeasedLength = 256;

export class SharedArray<C extends Typecode = Typecode> implements Shareable {
  readonly typecode: C;
  private readonly store: TypedStore<C>;
  private readonly lock: Lock | RLock | undefined;
  private readonly lockState: LockState | undefined;
  private readonly guard: Guard | undefined;

  /** `sizeOrInit`: a length (zero-filled) or the initial items. */
  constructor(typecode: C, sizeOrInit: number | Iterable<TypecodeInput<C>>, options: ValueOptions = {}) {
    const what = `${new.target.name}(typecode, sizeOrInit)`;
    this.typecode = checkTypecode(typecode, what) as C;
    if (typeof sizeOrInit === 'number') {
      if (!Number.isInteger(sizeOrInit) || sizeOrInit < 0) throw new TypeError(`${what}: size must be a non-negative integer`);
      this.store = new TypedStore(this.typecode, sizeOrInit);
    } else {
      if (sizeOrInit === null || typeof (sizeOrInit as Partial<Iterable<unknown>>)?.[Symbol.iterator] !== 'function') {
        throw new TypeError(`${what}: expected a length or an iterable of initial items`);
      }
      const items = [...sizeOrInit];
      this.store = new TypedStore(this.typecode, items.length);
      items.forEach((item, i) => this.store.write(i, item));
    }
    this.lock = makeLock(options.lock);
    this.lockState = stateOf(this.lock);
    this.guard = guardContents(this.lockState, {
      snapshot: () => (this.store.length <= maxLeasedLength ? this.store.readAll() : undefined),
      restore: (data) => this.restore(data),
    });
  }

  get length(): number {
    return this.store.length;
  }

  async get(index: number): Promise<TypecodeValue<C>> {
    const at = this.position(index);
    return guarded(this.lockState, parentCaller.pid, () => this.store.read(at));
  }

  async set(index: number, value: TypecodeInput<C>): Promise<void> {
    const at = this.position(index);
    const raw = this.store.coerce(value);
    return guarded(this.lockState, parentCaller.pid, () => this.store.put(at, raw));
  }

  /** A copy of the items as a plain array (Python's arr[:]). */
  async toArray(): Promise<TypecodeValue<C>[]> {
    return guarded(this.lockState, parentCaller.pid, () => this.store.readAll());
  }

  getLock(): Lock | RLock {
    if (!this.lock) throw new TypeError(`${this.constructor.name}('${this.typecode}') has no lock (made with lock: false)`);
    return this.lock;
  }

  private position(index: unknown): number {
    if (typeof index !== 'number' || !Number.isInteger(index)) throw new TypeError(`${this.constructor.name} index must be an integer, got ${String(index)}`);
    const at = index < 0 ? index + this.store.length : index;
    if (at < 0 || at >= this.store.length) throw new RangeError(`${this.constructor.name} index ${index} out of range (length ${this.store.length})`);
    return at;
  }

  /** A lease's writes: the whole array, checked item by item before any is stored. */
  private restore(data: unknown): void {
    if (!Array.isArray(data) || data.length !== this.store.length) return;
    const raws = data.map((item) => this.store.coerce(item));
    raws.forEach((raw, i) => this.store.put(i, raw));
  }

  [remoteHost](): RemoteHost {
    const access = <R>(pid: number, fn: () => R): R | Promise<R> => guarded(this.lockState, pid, fn);
    return serve(
      SyncKind.SharedArray,
      {
        get: (caller, [index]) => {
          const at = this.position(index);
          return access(caller.pid, () => this.store.read(at));
        },
        set: (caller, [index, value]) => {
          const at = this.position(index);
          const raw = this.store.coerce(value);
          return access(caller.pid, () => this.store.put(at, raw));
        },
        toArray: (caller) => access(caller.pid, () => this.store.readAll()),
      },
      {
        props: {
          typecode: this.typecode,
          length: this.store.length,
          lock: this.lock ? remoteObjects.refFor(this.lock) : null,
          guardKey: this.guard?.key ?? null,
        },
      },
    );
  }
}
