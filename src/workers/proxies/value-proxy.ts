/**
 * Value and SharedArray of the parent, inside a worker. Normally get and set are round trips
 * that wait while another process holds the object's lock, as Python's synchronized wrappers
 * do. While this worker holds the lock on lease (lock-proxy.ts) they are local, on a copy
 * stored and coerced exactly as the parent stores it. getLock() returns the lock's proxy
 * without a round trip (its reference came with the object's).
 */
import { isTypecode, TypedStore, type Typecode } from '../../shared/typecodes.js';
import type { RemoteRef } from '../../shared/wire-value.js';
import { proxyFor, type RemoteCall } from '../remote-proxy.js';
import { attempt } from './attempt.js';
import { registerLeasedContents, type LeasedContents, type LeaseHandle } from './leased-contents.js';

abstract class GuardedProxy implements LeasedContents, LeaseHandle {
  readonly kind: string;
  readonly typecode: string;
  readonly guardKey: number;
  protected cache: TypedStore<Typecode> | undefined;
  private dirty = false;
  private readonly lockRef: RemoteRef | undefined;

  constructor(
    ref: RemoteRef,
    protected readonly call: RemoteCall,
    private readonly size: number,
  ) {
    this.kind = ref.kind;
    this.typecode = String(ref.props?.typecode);
    this.lockRef = asRef(ref.props?.lock);
    const key = ref.props?.guardKey;
    this.guardKey = typeof key === 'number' ? key : -1;
    if (this.guardKey >= 0 && isTypecode(this.typecode)) registerLeasedContents(this);
  }

  /** The lock's proxy; a TypeError for an object made without one (RawValue, lock: false). */
  getLock(): object {
    if (!this.lockRef) throw new TypeError(`this shared ${this.kind.replace('sync.', '')} ('${this.typecode}') has no lock (made with lock: false)`);
    return proxyFor(this.lockRef);
  }

  /** A Value has one lock, so one lease at a time: the proxy is its own handle. */
  prime(data: unknown): LeaseHandle {
    const store = new TypedStore(this.typecode as Typecode, this.size);
    if (Array.isArray(data)) data.forEach((item, i) => store.write(i, item));
    else store.write(0, data);
    this.cache = store;
    this.dirty = false;
    return this;
  }

  collect(): unknown {
    if (!this.cache || !this.dirty) return undefined;
    this.dirty = false;
    return this.contents(this.cache);
  }

  drop(): void {
    this.cache = undefined;
    this.dirty = false;
  }

  /** A local write under a lease: coerced here as the parent would, or a TypeError. */
  protected writeLocal(cache: TypedStore<Typecode>, index: number, value: unknown): Promise<void> {
    return attempt(() => {
      cache.write(index, value);
      this.dirty = true;
    });
  }

  protected abstract contents(cache: TypedStore<Typecode>): unknown;
}

export class ValueProxy extends GuardedProxy {
  constructor(ref: RemoteRef, call: RemoteCall) {
    super(ref, call, 1);
  }

  get(): Promise<unknown> {
    return this.cache ? Promise.resolve(this.cache.read(0)) : this.call('get', []);
  }

  set(value: unknown): Promise<void> {
    return this.cache ? this.writeLocal(this.cache, 0, value) : (this.call('set', [value]) as Promise<void>);
  }

  protected contents(cache: TypedStore<Typecode>): unknown {
    return cache.read(0);
  }
}

export class SharedArrayProxy extends GuardedProxy {
  readonly length: number;

  constructor(ref: RemoteRef, call: RemoteCall) {
    const length = typeof ref.props?.length === 'number' ? ref.props.length : 0;
    super(ref, call, length);
    this.length = length;
  }

  get(index: number): Promise<unknown> {
    const cache = this.cache;
    if (!cache) return this.call('get', [index]);
    return attempt(() => cache.read(this.position(index)));
  }

  set(index: number, value: unknown): Promise<void> {
    const cache = this.cache;
    if (!cache) return this.call('set', [index, value]) as Promise<void>;
    return attempt(() => this.writeLocal(cache, this.position(index), value));
  }

  toArray(): Promise<unknown[]> {
    return this.cache ? Promise.resolve(this.cache.readAll()) : (this.call('toArray', []) as Promise<unknown[]>);
  }

  protected contents(cache: TypedStore<Typecode>): unknown {
    return cache.readAll();
  }

  private position(index: unknown): number {
    if (typeof index !== 'number' || !Number.isInteger(index)) throw new TypeError(`SharedArray index must be an integer, got ${String(index)}`);
    const at = index < 0 ? index + this.length : index;
    if (at < 0 || at >= this.length) throw new RangeError(`SharedArray index ${index} out of range (length ${this.length})`);
    return at;
  }
}

function asRef(value: unknown): RemoteRef | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, kind, props } = value as Partial<RemoteRef>;
  if (typeof id !== 'number' || typeof kind !== 'string') return undefined;
  return typeof props === 'object' && props !== null ? { id, kind, props } : { id, kind };
}
