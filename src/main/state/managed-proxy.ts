/**
 * The base of every persisted manager object's proxy. The same object serves the parent
 * (its async methods) and workers: passed to a worker it is registered with the pool's
 * remote objects, and the worker's calls arrive in `remoteCall()`, limited to the kind's
 * methods. Dicts, namespaces and values take part in entry leases (entry-leases.ts): their
 * accesses go through entry() or whole(), and a worker's call of a keyed method may teach
 * the manager lock it holds to carry that entry.
 */
import { remoteHost, type Caller, type RemoteHost, type Shareable } from '../pool/remote-objects.js';
import { newGuardKey } from '../sync/guarded.js';
import type { ManagerContext } from './context.js';
import type { ObjectRow, PersistedKind } from './objects-repo.js';

type Method = (...args: unknown[]) => unknown;

export abstract class ManagedProxy implements Shareable {
  readonly name: string;
  readonly kind: PersistedKind;
  /** The row id in manager_objects. */
  readonly id: number;
  /** How a worker's proxy of this object is found when a lease carries its entries. */
  readonly guardKey = newGuardKey();

  protected constructor(
    protected readonly ctx: ManagerContext,
    row: ObjectRow,
  ) {
    this.name = row.name;
    this.kind = row.kind;
    this.id = row.id;
  }

  /** The methods a worker may call on this object. */
  protected abstract readonly remoteMethods: ReadonlySet<string>;

  [remoteHost](): RemoteHost {
    return {
      // Namespaced so a worker never mistakes it for a plain sync Queue's proxy class.
      kind: `manager.${this.kind}`,
      props: { name: this.name, kind: this.kind, guardKey: this.guardKey },
      call: (method, args, caller) => this.remoteCall(method, args, caller),
      processExited: (pid) => this.processExited(pid),
    };
  }

  /** Ends what waits on this object (a blocked queue get) when the manager shuts down. */
  onShutdown(): void {}

  protected remoteCall(method: string, args: unknown[], caller: Caller): unknown {
    if (!this.remoteMethods.has(method)) {
      throw new TypeError(`a manager ${this.kind} has no method ${method}() (on '${this.name}')`);
    }
    const key = this.entryKey(method, args);
    if (key !== undefined) this.ctx.leases.learn(this, key, caller.pid);
    return ((this as unknown as Record<string, Method>)[method]!).apply(this, args);
  }

  /** The stored key a call of a keyed method touches (get, set, …), else undefined. */
  protected entryKey(_method: string, _args: unknown[]): string | undefined {
    return undefined;
  }

  /**
   * Runs an access to one entry once no lease is out with it (see entry-leases.ts). The
   * access runs synchronously when it can, so a read and the write after it see one state.
   * Whoever calls waits alike, the lease holder too: its own calls leave after its lease.
   */
  protected entry<T>(key: string, access: () => T): Promise<Awaited<T>> {
    return Promise.resolve(this.ctx.leases.whenFree(this.id, key, access)) as Promise<Awaited<T>>;
  }

  /** As entry(), for an access to every entry of the object (keys, size, clear, …). */
  protected whole<T>(access: () => T): Promise<Awaited<T>> {
    return Promise.resolve(this.ctx.leases.whenFree(this.id, undefined, access)) as Promise<Awaited<T>>;
  }

  protected processExited(_pid: number): void {}

  /** Throws ManagerStateError once the manager is shut down; `what` names the call. */
  protected check(what: string): void {
    this.ctx.check(`${this.kind} '${this.name}'.${what}`);
  }

  /** A durable write (see Store.write): resolves once committed. */
  protected write<T>(fn: () => T): Promise<T> {
    return this.ctx.store.write(fn);
  }
}
