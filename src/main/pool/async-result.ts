/**
 * AsyncResult: the handle of work submitted with applyAsync / mapAsync, as Python's.
 * `get(timeoutMs)` rejects with TimeoutError when time runs out (the work goes on and a
 * later get() can still have it); `successful()` is only defined once the result is ready.
 */
import { ProcessStateError, TimeoutError } from '../../shared/errors.js';
import { startTimer, toTimeout, type Timer } from '../../shared/timeout.js';

export interface ResultCallbacks<R> {
  callback?: (value: R) => void;
  errorCallback?: (error: Error) => void;
}

export class AsyncResult<R> {
  private state: 'pending' | 'fulfilled' | 'rejected' = 'pending';
  private value: R | undefined;
  private error: Error | undefined;
  /** Made only when somebody waits: most results are ready before anyone asks. */
  private settled: Promise<void> | undefined;
  private markSettled: (() => void) | undefined;

  constructor(private readonly callbacks: ResultCallbacks<R> = {}) {}

  /** @internal Called once by the pool. */
  resolve(value: R): void {
    if (this.state !== 'pending') return;
    this.state = 'fulfilled';
    this.value = value;
    this.markSettled?.();
    this.callbacks.callback?.(value);
  }

  /** @internal Called once by the pool. */
  reject(error: Error): void {
    if (this.state !== 'pending') return;
    this.state = 'rejected';
    this.error = error;
    this.markSettled?.();
    this.callbacks.errorCallback?.(error);
  }

  async get(timeoutMs?: number): Promise<R> {
    const timeout = toTimeout(timeoutMs, 'AsyncResult.get()');
    if (this.state === 'pending') {
      const ready = await this.waitUntilReady(timeout);
      if (!ready) throw new TimeoutError(`result not ready within ${timeoutMs} ms`);
    }
    if (this.state === 'rejected') throw this.error!;
    return this.value as R;
  }

  /** Resolves when the result is ready or the timeout elapses; rejects only a timeout that is not a number. */
  async wait(timeoutMs?: number): Promise<void> {
    await this.waitUntilReady(toTimeout(timeoutMs, 'AsyncResult.wait()'));
  }

  ready(): boolean {
    return this.state !== 'pending';
  }

  successful(): boolean {
    if (this.state === 'pending') throw new ProcessStateError('successful() called before the result is ready');
    return this.state === 'fulfilled';
  }

  /** `timeout` as toTimeout reads it: null waits as long as it takes. */
  private async waitUntilReady(timeout: number | null): Promise<boolean> {
    if (this.state !== 'pending') return true;
    this.settled ??= new Promise((resolve) => (this.markSettled = resolve));
    let timer: Timer | undefined;
    const timedOut = new Promise<false>((resolve) => (timer = startTimer(timeout, () => resolve(false))));
    const ready = await Promise.race([this.settled.then(() => true as const), timedOut]);
    timer?.clear();
    return ready;
  }
}
