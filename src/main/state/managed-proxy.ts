/**
 * The base of every persisted manager object's proxy. The same object serves the parent
 * (its async methods) and workers: passed to a worker it is registered with the pool's
 * remote objects, and the worker's calls arrive in `call()`, limited to the kind's methods.
 */
import { remoteHost, type Caller, type RemoteHost, type Shareable } from '../pool/remote-objects.js';
import type { ManagerContext } from './context.js';
import type { ObjectRow, PersistedKind } from './objects-repo.js';

type Method = (...args: unknown[]) => unknown;

export abstract class ManagedProxy implements Shareable {
  readonly name: string;
  readonly kind: PersistedKind;
  /** The row id in manager_objects. */
  readonly id: number;

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
      props: { name: this.name, kind: this.kind },
      call: (method, args, caller) => this.remoteCall(method, args, caller),
      processExited: (pid) => this.processExited(pid),
    };
  }

  /** Ends what waits on this object (a blocked queue get) when the manager shuts down. */
  onShutdown(): void {}

  protected remoteCall(method: string, args: unknown[], _caller: Caller): unknown {
    if (!this.remoteMethods.has(method)) {
      throw new TypeError(`a manager ${this.kind} has no method ${method}() (on '${this.name}')`);
    }
    return ((this as unknown as Record<string, Method>)[method]!).apply(this, args);
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
