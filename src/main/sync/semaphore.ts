/**
 * Semaphore: a counter of free slots shared by processes (Python's multiprocessing.Semaphore).
 * acquire() takes a slot, waiting for one if none is free; release() gives one back, to the
 * longest waiter first.
 *
 * When a process ends, the slots it took and did not give back are returned, but never more
 * than would lift the count above its starting value: a Semaphore(3) guarding three resources
 * gets its slot back from a killed holder (Python would lose it for ever), while a
 * Semaphore(0) used to signal is not disturbed by a consumer that exits.
 */
import { ProcessStateError } from '../../shared/errors.js';
import { SyncKind, toWaitWire, type WaitOptions, type WaitWire } from '../../shared/sync-wire.js';
import { remoteHost, type RemoteHost, type Shareable } from '../pool/remote-objects.js';
import { isGone } from './gone-processes.js';
import { countArg, parentCaller, serve } from './serve.js';
import { WaitList } from './wait-list.js';

export class Semaphore implements Shareable {
  protected value: number;
  protected readonly initial: number;
  private readonly waiters = new WaitList<undefined, boolean>();
  /** Slots each process has taken and not given back itself. */
  private readonly held = new Map<number, number>();

  constructor(value = 1) {
    this.initial = countArg(value, `${new.target.name}(value)`);
    this.value = this.initial;
  }

  /** Resolves true once a slot is taken; false if `block: false` or the timeout ran out. */
  async acquire(options?: WaitOptions): Promise<boolean> {
    return this.acquireFor(parentCaller.pid, toWaitWire(options, `${this.constructor.name}.acquire()`));
  }

  release(): void {
    this.releaseFor(parentCaller.pid);
  }

  /** The number of free slots (Python's get_value()). */
  getValue(): number {
    return this.value;
  }

  /** Called before a slot is given back; BoundedSemaphore refuses one too many. */
  protected checkRelease(): void {}

  protected get kind(): string {
    return SyncKind.Semaphore;
  }

  private acquireFor(pid: number, wait: WaitWire): boolean | Promise<boolean> {
    if (isGone(pid)) throw new ProcessStateError(`process ${pid} has exited; it cannot take a slot`);
    if (this.value > 0) {
      this.value--;
      this.take(pid, 1);
      return true;
    }
    if (!wait.block) return false;
    return this.waiters.wait(pid, undefined, wait.timeout, () => false);
  }

  private releaseFor(pid: number): void {
    if (isGone(pid)) return; // its slots were counted at its exit
    if (this.waiters.size === 0) this.checkRelease();
    this.take(pid, -1);
    this.giveSlot();
  }

  private giveSlot(): void {
    const next = this.waiters.shift();
    if (!next) {
      this.value++;
      return;
    }
    this.take(next.pid, 1);
    next.resolve(true);
  }

  private take(pid: number, delta: number): void {
    const count = Math.max(0, (this.held.get(pid) ?? 0) + delta);
    if (count === 0) this.held.delete(pid);
    else this.held.set(pid, count);
  }

  private processExited(pid: number): void {
    this.waiters.dropProcess(pid);
    const reclaim = Math.min(this.held.get(pid) ?? 0, this.initial - this.value);
    this.held.delete(pid);
    for (let i = 0; i < reclaim; i++) this.giveSlot();
  }

  [remoteHost](): RemoteHost {
    const what = this.kind.replace('sync.', '');
    return serve(
      this.kind,
      {
        acquire: (caller, [wait]) => this.acquireFor(caller.pid, toWaitWire(wait, `${what}.acquire()`)),
        release: (caller) => this.releaseFor(caller.pid),
        getValue: () => this.value,
      },
      { processExited: (pid) => this.processExited(pid) },
    );
  }
}
