/**
 * The manager's in-memory objects: locks, semaphores, events, conditions and barriers, the
 * primitives of main/sync. They are not persisted (a lock held by a process that is gone
 * means nothing after a restart); a name finds the same object again during one run. Its
 * locks and rlocks are the manager locks whose leases may carry entries (entry-leases.ts).
 */
import { Barrier, BoundedSemaphore, Condition, Event, Lock, RLock, Semaphore, type BarrierOptions } from '../sync/index.js';
import { LeasableLockState } from '../sync/leasable-lock-state.js';
import { lockStateOf } from '../sync/lock-state.js';
import { checkName, NameGenerator, nameAndRest } from './names.js';
import { type SharedObjectInfo } from './snapshot.js';

export type SyncKind = 'lock' | 'rlock' | 'semaphore' | 'boundedSemaphore' | 'event' | 'condition' | 'barrier';

export abstract class SyncObjects {
  protected readonly names = new NameGenerator();
  private readonly syncObjects = new Map<string, { kind: SyncKind; object: object }>();

  protected constructor(
    private readonly checkOpen: (what: string) => void,
    private readonly managerLock: (state: LeasableLockState) => void,
  ) {}

  lock(name?: string): Lock {
    return this.syncObject('lock', name, () => this.managed(new Lock()));
  }

  rlock(name?: string): RLock {
    return this.syncObject('rlock', name, () => this.managed(new RLock()));
  }

  /** `n` free slots (default 1); a reopen by name returns the existing one as it is. */
  semaphore(name?: string | number, n?: number): Semaphore {
    const [given, value] = nameAndRest(name, n);
    return this.syncObject('semaphore', given, () => new Semaphore(value ?? 1));
  }

  boundedSemaphore(name?: string | number, n?: number): BoundedSemaphore {
    const [given, value] = nameAndRest(name, n);
    return this.syncObject('boundedSemaphore', given, () => new BoundedSemaphore(value ?? 1));
  }

  event(name?: string): Event {
    return this.syncObject('event', name, () => new Event());
  }

  /** Over `lock` if given (a Lock or RLock), else over a new RLock, as in Python. */
  condition(name?: string | Lock | RLock, lock?: Lock | RLock): Condition {
    const [given, over] = nameAndRest(name, lock);
    return this.syncObject('condition', given, () => new Condition(over));
  }

  /** `barrier('name', 3)` or `barrier(3)`; `options` as Barrier's (action, timeout). */
  barrier(name: string | number | undefined, parties?: number | BarrierOptions, options?: BarrierOptions): Barrier {
    const named = typeof name === 'string' || (name === undefined && typeof parties === 'number');
    const [given, count, rest] = named
      ? [name as string | undefined, parties as number, options]
      : [undefined, name as number, parties as BarrierOptions | undefined];
    return this.syncObject('barrier', given, () => new Barrier(count, rest));
  }

  protected isTaken(name: string): boolean {
    return this.syncObjects.has(name);
  }

  protected checkNotSync(name: string, wanted: string): void {
    const found = this.syncObjects.get(name);
    if (found) throw new TypeError(`manager.${wanted}('${name}'): '${name}' is already a ${found.kind}; choose another name`);
  }

  /** Finds the named object of this run, or makes one. */
  protected syncObject<T extends object>(kind: SyncKind, name: string | undefined, make: () => T): T {
    this.checkOpen(`manager.${kind}()`);
    const objectName = name === undefined ? this.names.generate(kind, (n) => this.isTaken(n)) : checkName(name, kind);
    const found = this.syncObjects.get(objectName);
    if (found) {
      if (found.kind !== kind) {
        throw new TypeError(`manager.${kind}('${objectName}'): '${objectName}' is already a ${found.kind}; choose another name`);
      }
      return found.object as T;
    }
    if (this.isTaken(objectName)) {
      throw new TypeError(`manager.${kind}('${objectName}'): '${objectName}' is already a stored object; choose another name`);
    }
    const object = make();
    this.syncObjects.set(objectName, { kind, object });
    return object;
  }

  private managed<L extends Lock | RLock>(lock: L): L {
    const state = lockStateOf(lock);
    if (state instanceof LeasableLockState) this.managerLock(state);
    return lock;
  }

  protected describeSyncObjects(): SharedObjectInfo[] {
    return [...this.syncObjects].map(([name, { kind, object }]) => ({ name, kind, persistent: false, size: null, preview: preview(object) }));
  }
}

/** What can be told about a primitive without touching it. */
function preview(object: object): string {
  if (object instanceof Semaphore) return `value ${object.getValue()}`;
  if (object instanceof Event) return object.isSet() ? 'set' : 'clear';
  if (object instanceof Barrier) return `${object.nWaiting}/${object.parties} waiting${object.broken ? ', broken' : ''}`;
  return '';
}
