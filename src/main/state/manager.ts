/**
 * Manager: the state service, with the meaning of Python's multiprocessing.Manager. Its
 * dict, list, namespace, queue, joinableQueue and value live in SQLite (see store.ts) and,
 * when named, survive a restart on the same file; its locks, events and the like live in
 * memory. Every object it returns can be passed to Process and Pool tasks.
 *
 * As in Python, every read returns a copy: `(await d.get('cfg')).x = 1` changes nothing in
 * the dict until `d.set('cfg', changed)`.
 *
 * Its locks lend the dict keys, namespace attributes and values they guard to the worker
 * that takes them (entry-leases.ts), so a worker's locked read-modify-write costs no round
 * trip; every other access waits while such a lease is out, and what the worker wrote is
 * committed when the lease comes back, before anything it sent afterwards is handled.
 */
import { encodeKey, encodeValue, type DictKey } from './codec.js';
import { ManagerContext } from './context.js';
import { corruptionOf } from './corruption.js';
import { DictProxy, dictPairs, type DictInit } from './dict-proxy.js';
import { JoinableQueueProxy } from './joinable-queue-proxy.js';
import { ListProxy } from './list-proxy.js';
import type { ManagedProxy } from './managed-proxy.js';
import { ManagerClaim } from './manager-claim.js';
import { checkName, nameAndRest } from './names.js';
import { NamespaceProxy } from './namespace-proxy.js';
import type { ObjectRow, PersistedKind } from './objects-repo.js';
import { MEMORY, openStore } from './open-store.js';
import { QueueProxy } from './queue-proxy.js';
import { describeStored, type SharedObjectInfo } from './snapshot.js';
import type { Store } from './store.js';
import { SyncObjects } from './sync-objects.js';
import { VALUE_KEY, ValueProxy } from './value-proxy.js';

export interface ManagerOptions {
  /**
   * The SQLite file; its folder is created if missing. None: an in-memory store. A file has
   * one Manager at a time (manager-claim.ts): while another runs on it, start() throws
   * StoreOpenError naming that Manager's process.
   */
  path?: string;
  /** An already open store (the jobs layer's); the manager then leaves closing it to its owner. */
  store?: Store;
}

export class Manager extends SyncObjects implements AsyncDisposable {
  private readonly proxies = new Map<string, ManagedProxy>();

  private constructor(
    readonly store: Store,
    private readonly ctx: ManagerContext,
    private readonly ownsStore: boolean,
    private readonly claim: ManagerClaim | undefined,
  ) {
    super(
      (what) => ctx.check(what),
      (lock) => ctx.leases.addLock(lock),
    );
  }

  static async start(options: ManagerOptions = {}): Promise<Manager> {
    const store = options.store ?? openStore(options.path ?? MEMORY);
    let claim: ManagerClaim | undefined;
    try {
      // Claimed before anything is touched: the unnamed objects removed next are a dead owner's.
      claim = store.path === MEMORY ? undefined : ManagerClaim.take(store.path);
      const ctx = new ManagerContext(store);
      store.transaction(() => ctx.objects.removeEphemeral());
      return new Manager(store, ctx, options.store === undefined, claim);
    } catch (error) {
      claim?.release();
      if (options.store === undefined) store.close();
      throw corruptionOf(store.path, error) ?? error;
    }
  }

  /** The database file, or ':memory:'. */
  get path(): string {
    return this.store.path;
  }

  dict<V = unknown>(name?: string | DictInit<V>, init?: DictInit<V>): DictProxy<V> {
    const [given, content] = nameAndRest(name, init);
    const pairs = content === undefined ? [] : dictPairs(content).map(([k, v]) => [encodeKey(k as DictKey), encodeValue(v, 'manager.dict(init)')] as const);
    return this.persisted('dict', given, (row) => new DictProxy<V>(this.ctx, row), (row) => {
      for (const [key, bytes] of pairs) this.ctx.entries.set(row.id, key, bytes);
    });
  }

  list<T = unknown>(name?: string | Iterable<T>, init?: Iterable<T>): ListProxy<T> {
    const [given, content] = nameAndRest(name, init);
    const items = content === undefined ? [] : [...content].map((item) => encodeValue(item, 'manager.list(init)'));
    return this.persisted('list', given, (row) => new ListProxy<T>(this.ctx, row), (row) => {
      for (const bytes of items) this.ctx.items.append(row.id, bytes);
    });
  }

  namespace(name?: string): NamespaceProxy {
    return this.persisted('namespace', name, (row) => new NamespaceProxy(this.ctx, row));
  }

  /** `maxsize` 0 (the default) is unbounded; given on a reopen, it replaces the stored one. */
  queue<T = unknown>(name?: string | number, maxsize?: number): QueueProxy<T> {
    return this.anyQueue('queue', name, maxsize, (row) => new QueueProxy<T>(this.ctx, row));
  }

  joinableQueue<T = unknown>(name?: string | number, maxsize?: number): JoinableQueueProxy<T> {
    return this.anyQueue('joinableQueue', name, maxsize, (row) => new JoinableQueueProxy<T>(this.ctx, row));
  }

  /**
   * `init` is stored only when the value is created; reopened, it keeps its stored value.
   * A string first argument is the name: an unnamed string value is `value(undefined, 'text')`.
   */
  value<T = unknown>(name?: string | T, init?: T): ValueProxy<T> {
    const [given, first] = nameAndRest(name, init);
    const bytes = encodeValue(first, 'manager.value(init)');
    return this.persisted('value', given, (row) => new ValueProxy<T>(this.ctx, row), (row) => {
      this.ctx.entries.set(row.id, VALUE_KEY, bytes);
    });
  }

  /**
   * Every object: the stored ones (opened in this run or not) and the in-memory ones, as
   * stored now. An entry a worker holds on lease with a manager lock shows its value from
   * before the lease (at most one turn of that worker old); settledSnapshot() waits for it.
   */
  snapshot(): SharedObjectInfo[] {
    this.ctx.check('manager.snapshot()');
    const stored = this.ctx.objects.all().map((row) => describeStored(this.ctx, row));
    return [...stored, ...this.describeSyncObjects()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** snapshot(), taken once no lease is out with any entry (see entry-leases.ts). */
  async settledSnapshot(): Promise<SharedObjectInfo[]> {
    this.ctx.check('manager.settledSnapshot()');
    return this.ctx.leases.whenAllFree(() => this.snapshot());
  }

  /**
   * Ends the service: waiters are rejected, unnamed objects are deleted, the store is
   * committed and closed (when the manager opened it), and the file is free for the next
   * Manager. Proxies used afterwards reject with ManagerStateError.
   */
  async shutdown(): Promise<void> {
    if (this.ctx.closed) return;
    this.ctx.close();
    for (const proxy of this.proxies.values()) proxy.onShutdown();
    try {
      this.store.transaction(() => this.ctx.objects.removeEphemeral());
      if (this.ownsStore) this.store.close();
      else this.store.flush();
    } finally {
      this.claim?.release();
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.shutdown();
  }

  protected override isTaken(name: string): boolean {
    return this.proxies.has(name) || super.isTaken(name) || this.ctx.objects.find(name) !== undefined;
  }

  private anyQueue<Q extends QueueProxy>(
    kind: 'queue' | 'joinableQueue',
    name: string | number | undefined,
    maxsize: number | undefined,
    make: (row: ObjectRow) => Q,
  ): Q {
    const [given, size] = nameAndRest<number>(name, maxsize);
    if (size !== undefined && !(Number.isInteger(size) && size >= 0)) {
      throw new TypeError(`manager.${kind}(): maxsize must be an integer >= 0, not ${String(size)}`);
    }
    const options = size ? { maxsize: size } : {};
    const queue = this.persisted(kind, given, make, undefined, options);
    if (size !== undefined && queue.maxsize !== size) {
      this.store.transaction(() => this.ctx.objects.setOptions(queue.id, options));
      queue.resize(size);
    }
    return queue;
  }

  /** Finds the object by name (in this run, then in the file) or creates it. */
  private persisted<P extends ManagedProxy>(
    kind: PersistedKind,
    name: string | undefined,
    make: (row: ObjectRow) => P,
    fill?: (row: ObjectRow) => void,
    options: Record<string, unknown> = {},
  ): P {
    this.ctx.check(`manager.${kind}()`);
    const ephemeral = name === undefined;
    const objectName = ephemeral ? this.names.generate(kind, (n) => this.isTaken(n)) : checkName(name, kind);
    const open = this.proxies.get(objectName);
    if (open) return this.sameKind(open.kind, kind, objectName, open) as P;
    this.checkNotSync(objectName, kind);
    const row = this.store.transaction(() => {
      const found = this.ctx.objects.find(objectName);
      if (found) return this.sameKind(found.kind, kind, objectName, found);
      const created = this.ctx.objects.create(objectName, kind, options, ephemeral);
      fill?.(created);
      return created;
    });
    const proxy = make(row);
    this.proxies.set(objectName, proxy);
    return proxy;
  }

  private sameKind<T>(found: string, wanted: string, name: string, value: T): T {
    if (found !== wanted) {
      throw new TypeError(`manager.${wanted}('${name}'): '${name}' is already a ${found}; choose another name`);
    }
    return value;
  }
}
