/**
 * Access to a Value or a SharedArray under its lock, as Python's synchronized wrappers do it:
 * if another process holds the lock (in the middle of a read-modify-write, or on lease),
 * the access waits until it lets go. When the lock is free or held by the caller, the
 * access happens at once (the parent is single-threaded, so nothing can interleave).
 */
import type { Lock } from './lock.js';
import { lockStateOf, type LockState } from './lock-state.js';
import type { RLock } from './rlock.js';
import { LeasableLockState, type Guard } from './leasable-lock-state.js';

const forever = { block: true, timeout: null } as const;
let nextGuardKey = 1;

export type LockOption = boolean | Lock | RLock | undefined;

export function guarded<R>(state: LockState | undefined, pid: number, access: () => R): R | Promise<R> {
  if (!state || state.holder === undefined || state.holder === pid) return access();
  return Promise.resolve(state.acquire(pid, forever)).then(async () => {
    try {
      return access();
    } finally {
      await state.release(pid);
    }
  });
}

export function stateOf(lock: Lock | RLock | undefined): LockState | undefined {
  return lock === undefined ? undefined : lockStateOf(lock);
}

/** A key no other guarded object has: the worker finds the object's proxy by it. */
export function newGuardKey(): number {
  return nextGuardKey++;
}

/**
 * Registers the object's contents with its lock, if that lock can be leased, so a
 * worker holding the lease reads and writes them without round trips. Returns the guard (the
 * object must keep it: the lock holds it weakly) and its key, which the worker proxy is told.
 */
export function guardContents(state: LockState | undefined, contents: Omit<Guard, 'key'>): Guard | undefined {
  if (!(state instanceof LeasableLockState)) return undefined;
  const guard: Guard = { key: newGuardKey(), snapshot: contents.snapshot, restore: contents.restore };
  state.addGuard(guard);
  return guard;
}
