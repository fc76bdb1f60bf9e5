/**
 * ImapIterator: results of imap / imapUnordered as an async iterator. The input is pulled
 * lazily, a chunk at a time, with a bounded number of chunks between "pulled" and "handed to
 * the caller", so an endless generator works and memory stays flat however long it runs.
 */
import { TimeoutError } from '../../shared/errors.js';
import { startTimer, toTimeout, type Timer } from '../../shared/timeout.js';
import { chunkItems } from '../../shared/number-packing.js';
import type { Outcome } from './task.js';

export type SubmitChunk = (items: unknown[], firstIndex: number, done: (outcome: Outcome) => void) => void;

type Delivery = { outcome: Outcome; endsChunk: boolean };

interface Waiter {
  resolve: (result: IteratorResult<never>) => void;
  reject: (error: Error) => void;
  timer?: Timer;
}

export class ImapIterator<R> implements AsyncIterableIterator<R> {
  private readonly source: Iterator<unknown> | AsyncIterator<unknown>;
  private readonly isAsync: boolean;
  private sourceDone = false;
  private pulling = false;
  private stopped = false;
  /** Chunks pulled whose every result has not yet been handed to the caller. */
  private openChunks = 0;
  private pulledItems = 0;
  private nextChunk = 0;
  private nextToDeliver = 0;
  /** Chunks submitted whose outcome has not arrived yet. */
  private unanswered = 0;
  /** The input's own failure, held until every chunk taken before it has arrived: it comes last. */
  private inputError: { chunk: number; error: Error } | undefined;
  private readonly arrived = new Map<number, Outcome>();
  private readonly ready: Delivery[] = [];
  private readonly waiters: Waiter[] = [];

  constructor(
    iterable: Iterable<unknown> | AsyncIterable<unknown>,
    private readonly submit: SubmitChunk,
    private readonly chunksize: number,
    private readonly ordered: boolean,
    private readonly maxOpenChunks: number,
  ) {
    const asyncIterator = (iterable as AsyncIterable<unknown>)[Symbol.asyncIterator];
    this.isAsync = typeof asyncIterator === 'function';
    this.source = this.isAsync
      ? (iterable as AsyncIterable<unknown>)[Symbol.asyncIterator]()
      : (iterable as Iterable<unknown>)[Symbol.iterator]();
    void this.refill();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** The next result; with `timeoutMs`, rejects with TimeoutError if none arrives in time. */
  next(timeoutMs?: number): Promise<IteratorResult<R>> {
    let timeout: number | null;
    try {
      timeout = toTimeout(timeoutMs, 'ImapIterator.next()');
    } catch (error) {
      return Promise.reject(error as Error);
    }
    const delivery = this.take();
    if (delivery) return settle(delivery);
    if (this.finished()) return Promise.resolve({ done: true, value: undefined });
    return new Promise<IteratorResult<R>>((resolve, reject) => {
      const waiter: Waiter = { resolve: resolve as Waiter['resolve'], reject };
      waiter.timer = startTimer(timeout, () => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new TimeoutError(`no result arrived within ${timeoutMs} ms`));
      });
      this.waiters.push(waiter);
    });
  }

  /** Stops pulling input (a `break` out of for-await); tasks already sent still finish. */
  async return(): Promise<IteratorResult<R>> {
    this.stopped = true;
    this.sourceDone = true;
    await this.source.return?.();
    this.wake();
    return { done: true, value: undefined };
  }

  private finished(): boolean {
    return this.sourceDone && this.openChunks === 0 && this.ready.length === 0;
  }

  private take(): Delivery | undefined {
    const delivery = this.ready.shift();
    if (delivery?.endsChunk) {
      this.openChunks--;
      // Refill once half the chunks are taken, so new tasks leave in batches. Not
      // synchronously: refill() wakes waiters, and take() is called while waking them.
      if (this.openChunks * 2 <= this.maxOpenChunks) queueMicrotask(() => void this.refill());
    }
    return delivery;
  }

  /** Pulls and submits chunks while fewer than `maxOpenChunks` are open. */
  private async refill(): Promise<void> {
    if (this.pulling) return;
    this.pulling = true;
    try {
      while (!this.sourceDone && this.openChunks < this.maxOpenChunks) {
        const { items, error } = await this.pullChunk();
        if (this.stopped) break;
        if (items.length > 0) this.submitChunk(items);
        if (error) {
          // The input itself failed: what it gave before is computed, then this is the last result.
          this.inputError = { chunk: this.nextChunk++, error };
          this.openChunks++;
          this.releaseInputError();
        }
      }
    } finally {
      this.pulling = false;
    }
    this.wake();
  }

  /** Up to `chunksize` items, fewer at the input's end or where the input fails. */
  private async pullChunk(): Promise<{ items: unknown[]; error?: Error }> {
    const items: unknown[] = [];
    try {
      while (items.length < this.chunksize) {
        const step = this.isAsync ? await this.source.next() : (this.source as Iterator<unknown>).next();
        if (step.done) {
          this.sourceDone = true;
          break;
        }
        items.push(step.value);
      }
    } catch (error) {
      this.sourceDone = true;
      return { items, error: error as Error };
    }
    return { items };
  }

  private submitChunk(items: unknown[]): void {
    const chunk = this.nextChunk++;
    const first = this.pulledItems;
    this.pulledItems += items.length;
    this.openChunks++;
    this.unanswered++;
    try {
      this.submit(items, first, (outcome) => this.arrive(chunk, outcome));
    } catch (error) {
      // An item cannot be sent: that chunk's result is the error; the rest goes on.
      this.arrive(chunk, { ok: false, error: error as Error });
    }
  }

  private arrive(chunk: number, outcome: Outcome): void {
    this.unanswered--;
    this.place(chunk, outcome);
    this.releaseInputError();
    this.wake();
  }

  /** Once nothing taken before it is still out, the input's failure takes its place, last. */
  private releaseInputError(): void {
    if (!this.inputError || this.unanswered > 0) return;
    const { chunk, error } = this.inputError;
    this.inputError = undefined;
    this.place(chunk, { ok: false, error });
  }

  /** An outcome into the deliveries: at once when unordered, else once those before it are in. */
  private place(chunk: number, outcome: Outcome): void {
    if (!this.ordered) {
      this.enqueue(outcome);
    } else {
      this.arrived.set(chunk, outcome);
      for (let next = this.arrived.get(this.nextToDeliver); next; next = this.arrived.get(this.nextToDeliver)) {
        this.arrived.delete(this.nextToDeliver++);
        this.enqueue(next);
      }
    }
  }

  /** A chunk's outcome becomes one delivery per item, or one error. */
  private enqueue(outcome: Outcome): void {
    if (!outcome.ok) {
      this.ready.push({ outcome, endsChunk: true });
      return;
    }
    const values = chunkItems(outcome.value);
    if (values.length === 0) {
      this.openChunks--;
      return;
    }
    const last = values.length - 1;
    for (let i = 0; i <= last; i++) this.ready.push({ outcome: { ok: true, value: values[i] }, endsChunk: i === last });
  }

  private wake(): void {
    while (this.waiters.length > 0) {
      const delivery = this.take();
      if (!delivery && !this.finished()) return;
      const waiter = this.waiters.shift()!;
      waiter.timer?.clear();
      if (!delivery) waiter.resolve({ done: true, value: undefined as never });
      else if (delivery.outcome.ok) waiter.resolve({ done: false, value: delivery.outcome.value as never });
      else waiter.reject(delivery.outcome.error);
    }
  }
}

function settle<R>(delivery: Delivery): Promise<IteratorResult<R>> {
  return delivery.outcome.ok
    ? Promise.resolve({ done: false, value: delivery.outcome.value as R })
    : Promise.reject(delivery.outcome.error);
}
