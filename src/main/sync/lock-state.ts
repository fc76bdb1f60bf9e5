/**
 * The state behind Lock and RLock, kept in the parent: who holds it (a PID), how many times
 * (RLock), and who waits, first come first served. A release hands the lock straight to the
 * next waiter, so nobody can overtake a process that has waited longer.
 *
 * When the holder's process ends, the lock is released and the next waiter gets it. Python's
 * multiprocessing deadlocks here: a lock held by a killed process stays locked for ever.
 */
import { ProcessStateError, ValueError } from '../../shared/errors.js';
import type { WaitWire } from '../../shared/sync-wire.js';
import { isGone } from './gone-processes.js';
import { WaitList } from './wait-list.js';

export class LockState {
  protected owner: number | undefined;
  protected count = 0;
  /** Each waiter carries the count it takes when granted (a Condition restores its RLock's). */
  protected readonly waiters = new WaitList<number, boolean>();

  constructor(
    readonly recursive: boolean,
    readonly name: string,
  ) {}

  get holder(): number | undefined {
    return this.owner;
  }

  get locked(): boolean {
    return this.owner !== undefined;
  }

  ownedBy(pid: number): boolean {
    return this.owner === pid;
  }

  acquire(pid: number, wait: WaitWire, count = 1): boolean | Promise<boolean> {
    if (isGone(pid)) throw new ProcessStateError(`process ${pid} has exited; it cannot take the ${this.name}`);
    if (this.owner === undefined) {
      this.owner = pid;
      this.count = count;
      return true;
    }
    if (this.recursive && this.owner === pid) {
      this.count += count;
      return true;
    }
    if (!wait.block) return false;
    return this.waiters.wait(pid, count, wait.timeout, () => false);
  }

  /**
   * A Lock may be released by any process, as in Python; an RLock only by its owner. A
   * release that arrives from a process already gone is ignored: the lock was let go at its exit.
   */
  release(pid: number): void | Promise<void> {
    if (isGone(pid)) return;
    if (this.owner === undefined) throw new ValueError(`release(): the ${this.name} is not acquired (released too many times)`);
    if (this.recursive && this.owner !== pid) {
      throw new ValueError(`release(): the ${this.name} is held by pid ${this.owner}, not by pid ${pid}`);
    }
    if (--this.count > 0) return;
    this.handOff();
  }

  /** For Condition.wait: lets go of every level at once and says how many there were. */
  releaseAll(pid: number): number {
    if (this.owner !== pid) throw new ValueError(`the ${this.name} is not held by pid ${pid}`);
    const count = this.count;
    this.handOff();
    return count;
  }

  processExited(pid: number): void {
    this.waiters.dropProcess(pid);
    if (this.owner === pid) this.handOff();
  }

  protected handOff(): void {
    this.owner = undefined;
    this.count = 0;
    const next = this.waiters.shift();
    if (!next) return;
    this.owner = next.pid;
    this.count = next.data;
    next.resolve(true);
  }
}

const states = new WeakMap<object, LockState>();

/** Lock and RLock register their state here, so Condition and Value can share it. */
export function registerLockState(lock: object, state: LockState): void {
  states.set(lock, state);
}

export function lockStateOf(lock: object): LockState {
  const state = states.get(lock);
  if (!state) throw new TypeError('expected a Lock or an RLock of procpool');
  return state;
}
