/**
 * A manager queue, with the contract's Queue methods. Items live in SQLite (they survive a
 * restart on the same file); callers blocked in `get` or `put` wait in memory and are woken
 * by the put or get that makes room, never by polling. A put resolves once its item is
 * committed; a get resolves once the removal is.
 */
import { QueueEmptyError, QueueFullError, ValueError } from '../../shared/errors.js';
import { toTimeout } from '../../shared/timeout.js';
import type { Caller } from '../pool/remote-objects.js';
import { decodeValue, encodeValue } from './codec.js';
import type { ManagerContext } from './context.js';
import { ManagerStateError } from './errors.js';
import { ManagedProxy } from './managed-proxy.js';
import type { ObjectRow } from './objects-repo.js';
import { Waiters } from './waiters.js';

export interface QueueWaitOptions {
  /** Wait when full (put) or empty (get); default true. */
  block?: boolean;
  /** Milliseconds to wait before failing with QueueFullError / QueueEmptyError; Infinity: as long as it takes. */
  timeout?: number;
}

const methods = new Set(['put', 'get', 'putNowait', 'getNowait', 'qsize', 'empty', 'full', 'close']);

export class QueueProxy<T = unknown> extends ManagedProxy {
  protected readonly remoteMethods: ReadonlySet<string> = methods;
  private maxsizeNow: number;
  private count: number;
  private readonly getters = new Waiters<undefined>();
  private readonly putters = new Waiters<Buffer>();
  private pumping = false;

  constructor(ctx: ManagerContext, row: ObjectRow) {
    super(ctx, row);
    this.maxsizeNow = maxsizeOf(row);
    this.count = ctx.items.count(row.id);
  }

  /** 0 means unbounded. */
  get maxsize(): number {
    return this.maxsizeNow;
  }

  put(item: T, options?: QueueWaitOptions): Promise<void> {
    return this.putFrom(item, options, undefined);
  }

  get(options?: QueueWaitOptions): Promise<T> {
    return this.getFrom(options, undefined) as Promise<T>;
  }

  putNowait(item: T): Promise<void> {
    return this.put(item, { block: false });
  }

  getNowait(): Promise<T> {
    return this.get({ block: false });
  }

  async qsize(): Promise<number> {
    this.check('qsize');
    return this.count;
  }

  async empty(): Promise<boolean> {
    this.check('empty');
    return this.count === 0;
  }

  async full(): Promise<boolean> {
    this.check('full');
    return this.isFull();
  }

  /** The manager owns the queue, so there is nothing for one user to close; kept for Queue's shape. */
  async close(): Promise<void> {}

  /** A reopen with an explicit maxsize changes it (the latest one given wins). */
  resize(maxsize: number): void {
    this.maxsizeNow = maxsize;
    this.pump();
  }

  override onShutdown(): void {
    const error = () => new ManagerStateError(`queue '${this.name}': the manager shut down while waiting`);
    this.getters.rejectAll(error);
    this.putters.rejectAll(error);
  }

  protected override remoteCall(method: string, args: unknown[], caller: Caller): unknown {
    // put and get learn the worker's PID so its waits end with it.
    if (method === 'put') return this.putFrom(args[0] as T, args[1] as QueueWaitOptions | undefined, caller.pid);
    if (method === 'get') return this.getFrom(args[0] as QueueWaitOptions | undefined, caller.pid);
    return super.remoteCall(method, args, caller);
  }

  protected override processExited(pid: number): void {
    const error = () => new ManagerStateError(`process ${pid} ended while waiting on queue '${this.name}'`);
    this.getters.dropPid(pid, error);
    this.putters.dropPid(pid, error);
  }

  /** An item went in (JoinableQueue counts it as unfinished). */
  protected accepted(): void {}

  private async putFrom(item: T, options: QueueWaitOptions | undefined, pid: number | undefined): Promise<void> {
    this.check('put');
    const { block, timeout } = waitOptions(options, `queue '${this.name}'.put`);
    const bytes = encodeValue(item, `queue '${this.name}'.put`);
    if (!this.isFull() && this.putters.size === 0) return this.store(bytes);
    const full = `queue '${this.name}' is full (maxsize ${this.maxsizeNow})`;
    if (!block) throw new QueueFullError(full);
    return this.putters.wait(bytes, pid, timeout, () => new QueueFullError(`${full}: put timed out after ${timeout} ms`));
  }

  private async getFrom(options: QueueWaitOptions | undefined, pid: number | undefined): Promise<unknown> {
    this.check('get');
    const { block, timeout } = waitOptions(options, `queue '${this.name}'.get`);
    if (this.count > 0 && this.getters.size === 0) return this.take();
    const empty = `queue '${this.name}' is empty`;
    if (!block) throw new QueueEmptyError(empty);
    return this.getters.wait(undefined, pid, timeout, () => new QueueEmptyError(`${empty}: get timed out after ${timeout} ms`));
  }

  private isFull(): boolean {
    return this.maxsizeNow > 0 && this.count >= this.maxsizeNow;
  }

  private store(bytes: Buffer): Promise<void> {
    const done = this.write(() => this.ctx.items.append(this.id, bytes));
    this.count++;
    this.accepted();
    this.pump();
    return done.catch((error: unknown) => this.resync(error));
  }

  private take(): Promise<unknown> {
    const row = this.ctx.items.at(this.id, 0);
    if (!row) throw new Error(`queue '${this.name}': its count and its rows disagree`);
    const done = this.write(() => this.ctx.items.delete(this.id, row.pos));
    this.count--;
    this.pump();
    return done.then(() => decodeValue(row.value), (error: unknown) => this.resync(error));
  }

  /** A commit failed (disk full, I/O error) and was rolled back: count from the rows again. */
  private resync(error: unknown): never {
    if (this.ctx.store.isOpen) this.count = this.ctx.items.count(this.id);
    throw error;
  }

  /** Serves waiting getters while there are items and waiting putters while there is room. */
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        if (this.getters.size > 0 && this.count > 0) {
          const waiter = this.getters.shift()!;
          settle(() => this.take(), waiter);
        } else if (this.putters.size > 0 && !this.isFull()) {
          const waiter = this.putters.shift()!;
          settle(() => this.store(waiter.data), waiter);
        } else {
          return;
        }
      }
    } finally {
      this.pumping = false;
    }
  }
}

function settle(run: () => Promise<unknown>, waiter: { resolve(v: unknown): void; reject(e: unknown): void }): void {
  try {
    run().then(waiter.resolve, waiter.reject);
  } catch (error) {
    waiter.reject(error);
  }
}

/** `timeout` null: as long as it takes. */
function waitOptions(options: QueueWaitOptions | undefined, what: string): { block: boolean; timeout: number | null } {
  const block = options?.block ?? true;
  if (typeof block !== 'boolean') throw new TypeError(`${what}: block must be true or false`);
  const given = options?.timeout;
  const timeout = toTimeout(given, what);
  // As Python's manager queue (queue.Queue) does; multiprocessing's own Queue takes it as 0.
  if (block && typeof given === 'number' && given < 0) throw new ValueError(`${what}: timeout must be a non-negative number of milliseconds, not ${given}`);
  return { block, timeout: block ? timeout : null };
}

function maxsizeOf(row: ObjectRow): number {
  const { maxsize } = JSON.parse(row.options) as { maxsize?: unknown };
  return typeof maxsize === 'number' && maxsize > 0 ? maxsize : 0;
}
