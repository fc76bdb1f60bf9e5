/**
 * The parent's registry of shared objects. An object that can be shared (queue, lock, value,
 * manager proxy) implements `[remoteHost]()`; when it is passed to a worker it is registered
 * here under an id, and the worker's calls on its proxy arrive here by that id.
 */
import type { RemoteRef } from '../../shared/wire-value.js';

export const remoteHost = Symbol.for('procpool.remoteHost');

/** Who is calling: the worker process the call came from. */
export interface Caller {
  pid: number;
}

export interface RemoteHost {
  /** Picks the proxy class in the worker (see workers/remote-proxy.ts). */
  readonly kind: string;
  /** Values fixed for the object's life that a proxy may read without a round trip. */
  readonly props?: Record<string, unknown>;
  call(method: string, args: unknown[], caller: Caller): unknown;
  /** A process ended: release what it held (a lock, a semaphore slot). */
  processExited?(pid: number): void;
}

export interface Shareable {
  [remoteHost](): RemoteHost;
}

export function isShareable(value: unknown): value is Shareable {
  return typeof (value as Partial<Shareable> | null)?.[remoteHost] === 'function';
}

class RemoteObjects {
  private ids = new WeakMap<object, number>();
  private entries = new Map<number, { object: Shareable; host: RemoteHost }>();
  private nextId = 1;

  refFor(object: Shareable): RemoteRef {
    let id = this.ids.get(object);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(object, id);
      this.entries.set(id, { object, host: object[remoteHost]() });
    }
    const { host } = this.entries.get(id)!;
    return host.props ? { id, kind: host.kind, props: host.props } : { id, kind: host.kind };
  }

  objectFor(id: number): Shareable {
    const entry = this.entries.get(id);
    if (!entry) throw new ReferenceError(`shared object #${id} is unknown to this process`);
    return entry.object;
  }

  async call(id: number, method: string, args: unknown[], caller: Caller): Promise<unknown> {
    const entry = this.entries.get(id);
    if (!entry) throw new ReferenceError(`shared object #${id} is unknown to this process`);
    return entry.host.call(method, args, caller);
  }

  processExited(pid: number): void {
    for (const { host } of this.entries.values()) host.processExited?.(pid);
  }
}

export const remoteObjects = new RemoteObjects();
