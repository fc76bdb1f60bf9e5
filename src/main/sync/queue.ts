/**
 * Queue: a first-in first-out queue shared by processes (Python's multiprocessing.Queue).
 *
 * Unlike Python, the value is serialised inside put(): a value that cannot be sent fails in
 * the caller, and changing the object afterwards does not change what is received. Nothing a
 * process put before it exited is lost, even a put still waiting for room in a full queue.
 * In a worker, put() on an unbounded queue resolves at once and the items travel in batches,
 * always ahead of whatever the worker sends after them (its task's result included).
 *
 * close() is per process, as in Python: afterwards this process may not put or get.
 */
import { QueueEmptyError, QueueFullError, ValueError } from '../../shared/errors.js';
import { isPackedItem, type PackedItem, SyncKind, toWaitWire, type WaitOptions, type WaitWire } from '../../shared/sync-wire.js';
import { remoteHost, type RemoteHost, type Shareable } from '../pool/remote-objects.js';
import { Deque } from '../../shared/deque.js';
import { isGone } from './gone-processes.js';
import { pack, unpack } from './pack.js';
import { intArg, parentCaller, serve, type RemoteMethod } from './serve.js';
import { WaitList } from './wait-list.js';

const nowait: WaitWire = { block: false, timeout: null };

export class Queue<T = unknown> implements Shareable {
  /** 0 or less: no limit. */
  readonly maxsize: number;
  private readonly items = new Deque<PackedItem>();
  private readonly getters = new WaitList<undefined, PackedItem>();
  private readonly putters = new WaitList<PackedItem, void>();
  private closed = false;

  constructor(maxsize = 0) {
    this.maxsize = intArg(maxsize, `${new.target.name}(maxsize)`);
  }

  /** Resolves once the item is in; rejects with QueueFullError if it cannot be (no wait, or timeout). */
  async put(obj: T, options?: WaitOptions): Promise<void> {
    this.checkOpen('put');
    const wait = toWaitWire(options, `${this.constructor.name}.put()`);
    return this.offer(parentCaller.pid, pack(obj, 'the value put on the queue'), wait);
  }

  putNowait(obj: T): void {
    this.checkOpen('putNowait');
    void this.offer(parentCaller.pid, pack(obj, 'the value put on the queue'), nowait);
  }

  /** Resolves the oldest item; rejects with QueueEmptyError if none comes (no wait, or timeout). */
  async get(options?: WaitOptions): Promise<T> {
    this.checkOpen('get');
    return unpack(await this.take(parentCaller.pid, toWaitWire(options, `${this.constructor.name}.get()`))) as T;
  }

  getNowait(): T {
    this.checkOpen('getNowait');
    return unpack(this.take(parentCaller.pid, nowait) as PackedItem) as T;
  }

  qsize(): number {
    return this.items.length;
  }

  empty(): boolean {
    return this.items.length === 0;
  }

  full(): boolean {
    return this.maxsize > 0 && this.items.length >= this.maxsize;
  }

  /** This process will put and get no more (other processes are not affected). */
  close(): void {
    this.closed = true;
  }

  /** An item was accepted; JoinableQueue counts it as a task. */
  protected accepted(): void {}

  protected get kind(): string {
    return SyncKind.Queue;
  }

  /** The methods a worker's proxy calls; JoinableQueue adds its own. */
  protected remoteMethods(): Record<string, RemoteMethod> {
    const name = this.constructor.name;
    return {
      put: (caller, [item, wait]) => this.offer(caller.pid, checkItem(item), toWaitWire(wait, `${name}.put()`)),
      putMany: (_caller, [items]) => this.putMany(items),
      get: (caller, [wait]) => this.take(caller.pid, toWaitWire(wait, `${name}.get()`)),
      qsize: () => this.qsize(),
      empty: () => this.empty(),
      full: () => this.full(),
    };
  }

  private offer(pid: number, item: PackedItem, wait: WaitWire): void | Promise<void> {
    if (this.hasRoom()) return this.accept(item);
    if (!wait.block || wait.timeout === 0) throw new QueueFullError(`${this.constructor.name}.put(): the queue is full (maxsize ${this.maxsize})`);
    const timeout = wait.timeout;
    const onTimeout = (): never => {
      throw new QueueFullError(`${this.constructor.name}.put(): the queue stayed full (maxsize ${this.maxsize}) for ${timeout} ms`);
    };
    return this.putters.wait(pid, item, timeout, onTimeout, { evenIfGone: true });
  }

  /** A worker's batch of puts; only unbounded queues are batched, so every item fits. */
  private putMany(items: unknown): void {
    if (!Array.isArray(items) || !items.every(isPackedItem)) throw new TypeError('putMany(): malformed items');
    if (this.maxsize > 0) throw new TypeError('putMany(): only unbounded queues take batches');
    for (const item of items) this.accept(item);
  }

  private take(pid: number, wait: WaitWire): PackedItem | Promise<PackedItem> {
    if (isGone(pid)) throw new ValueError(`process ${pid} has exited; it cannot take an item`);
    if (this.items.length > 0) {
      const item = this.items.shift() as PackedItem;
      this.admitPutter();
      return item;
    }
    if (!wait.block || wait.timeout === 0) throw new QueueEmptyError(`${this.constructor.name}.get(): the queue is empty`);
    const timeout = wait.timeout;
    return this.getters.wait(pid, undefined, timeout, () => {
      throw new QueueEmptyError(`${this.constructor.name}.get(): nothing arrived within ${timeout} ms`);
    });
  }

  private hasRoom(): boolean {
    return this.maxsize <= 0 || (this.items.length < this.maxsize && this.putters.size === 0);
  }

  private accept(item: PackedItem): void {
    this.accepted();
    const getter = this.getters.shift();
    if (getter) getter.resolve(item);
    else this.items.push(item);
  }

  private admitPutter(): void {
    if (this.maxsize > 0 && this.items.length >= this.maxsize) return;
    const putter = this.putters.shift();
    if (!putter) return;
    this.accept(putter.data);
    putter.resolve();
  }

  private checkOpen(method: string): void {
    if (this.closed) throw new ValueError(`${this.constructor.name}.${method}(): the queue is closed in this process`);
  }

  [remoteHost](): RemoteHost {
    return serve(this.kind, this.remoteMethods(), {
      props: { maxsize: this.maxsize },
      processExited: (pid) => this.processExited(pid),
    });
  }

  protected processExited(pid: number): void {
    this.getters.dropProcess(pid);
    // What it put stays put: a waiting put of a process that ended still goes in.
    this.putters.keepWithoutTimeout(pid);
  }
}

function checkItem(item: unknown): PackedItem {
  if (!isPackedItem(item)) throw new TypeError('put(): malformed item');
  return item;
}
