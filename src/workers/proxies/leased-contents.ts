/**
 * The worker's side of a lease (see main/sync/rlock-state.ts): Values and SharedArrays whose
 * contents come along when this worker takes their RLock on lease, found by the guard key
 * their parent object gave them.
 */
export interface LeasedContents {
  readonly guardKey: number;
  /** The lease began: keep these contents and serve reads and writes from them. */
  prime(data: unknown): void;
  /** What was written since the last call, or undefined if nothing was. */
  collect(): unknown;
  /** The lease ended: back to round trips. */
  drop(): void;
}

const byKey = new Map<number, WeakRef<LeasedContents>>();

export function registerLeasedContents(contents: LeasedContents): void {
  byKey.set(contents.guardKey, new WeakRef(contents));
}

export function leasedContents(guardKey: number): LeasedContents | undefined {
  const contents = byKey.get(guardKey)?.deref();
  if (!contents) byKey.delete(guardKey);
  return contents;
}
