/**
 * Barrier: `parties` processes wait until all have arrived, then all go on (Python's
 * multiprocessing.Barrier). The last to arrive runs `action` (in the parent, where the
 * barrier lives) before anyone is released. A wait that times out, an action that throws,
 * abort() and reset() break the barrier: every waiter rejects with BrokenBarrierError, and
 * so does every later wait until reset(). A waiter whose process dies is dropped.
 */
import { BrokenBarrierError, ValueError } from '../../shared/errors.js';
import { SyncKind } from '../../shared/sync-wire.js';
import { toTimeout } from '../../shared/timeout.js';
import { remoteHost, type RemoteHost, type Shareable } from '../pool/remote-objects.js';
import { parentCaller, serve } from './serve.js';
import { WaitList } from './wait-list.js';

export interface BarrierOptions {
  /** Runs once per cycle when the last party arrives; if it throws, the barrier breaks. */
  action?: () => unknown;
  /** Default timeout of wait(), in ms. */
  timeout?: number;
}

export class Barrier implements Shareable {
  readonly parties: number;
  private readonly action: (() => unknown) | undefined;
  private readonly defaultTimeout: number | null;
  private readonly waiters = new WaitList<undefined, number>();
  private isBroken = false;

  constructor(parties: number, options: BarrierOptions = {}) {
    if (typeof parties !== 'number' || !Number.isInteger(parties) || parties < 1) {
      throw new ValueError(`Barrier(parties): parties must be a positive integer, got ${String(parties)}`);
    }
    if (options.action !== undefined && typeof options.action !== 'function') throw new TypeError('Barrier: action must be a function');
    this.parties = parties;
    this.action = options.action;
    this.defaultTimeout = toTimeout(options.timeout, 'Barrier({ timeout })');
  }

  /** How many are waiting now. */
  get nWaiting(): number {
    return this.waiters.size;
  }

  get broken(): boolean {
    return this.isBroken;
  }

  /** Resolves this party's arrival index, 0 to parties - 1 (the last to arrive gets parties - 1). */
  async wait(timeoutMs?: number): Promise<number> {
    return this.waitAs(parentCaller.pid, toTimeout(timeoutMs, 'Barrier.wait()'));
  }

  /** Breaks the current cycle (its waiters reject) and makes the barrier usable again. */
  reset(): void {
    this.breakWaiters('the barrier was reset');
    this.isBroken = false;
  }

  /** Puts the barrier in the broken state: waiters and later waits reject until reset(). */
  abort(): void {
    this.isBroken = true;
    this.breakWaiters('the barrier was aborted');
  }

  private waitAs(pid: number, timeout: number | null): number | Promise<number> {
    if (this.isBroken) throw new BrokenBarrierError('Barrier.wait(): the barrier is broken; reset() it first');
    if (this.waiters.size + 1 < this.parties) {
      return this.waiters.wait(pid, undefined, timeout ?? this.defaultTimeout, () => {
        const arrived = this.waiters.size + 1;
        this.abort();
        throw new BrokenBarrierError(`Barrier.wait(): timed out with ${arrived} of ${this.parties} parties arrived`);
      });
    }
    return this.releaseCycle();
  }

  /** The last party arrived: the cycle's waiters leave the list at once, so a new cycle can start. */
  private releaseCycle(): number | Promise<number> {
    const cycle = this.waiters.takeAll();
    const finish = (): number => {
      cycle.forEach((waiter, index) => waiter.resolve(index));
      return cycle.length;
    };
    const fail = (error: unknown): never => {
      this.isBroken = true;
      this.breakWaiters('its action failed');
      const broken = new BrokenBarrierError(`Barrier: the action failed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
      for (const waiter of cycle) waiter.reject(broken);
      throw broken;
    };
    let outcome: unknown;
    try {
      outcome = this.action?.();
    } catch (error) {
      return fail(error);
    }
    if (isThenable(outcome)) return Promise.resolve(outcome).then(finish, fail);
    return finish();
  }

  private breakWaiters(why: string): void {
    for (const waiter of this.waiters.takeAll()) waiter.reject(new BrokenBarrierError(`Barrier.wait(): ${why}`));
  }

  [remoteHost](): RemoteHost {
    return serve(
      SyncKind.Barrier,
      {
        wait: (caller, [timeout]) => this.waitAs(caller.pid, toTimeout(timeout, 'Barrier.wait()')),
        reset: () => this.reset(),
        abort: () => this.abort(),
        nWaiting: () => this.nWaiting,
        broken: () => this.isBroken,
      },
      { props: { parties: this.parties }, processExited: (pid) => this.waiters.dropProcess(pid) },
    );
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
