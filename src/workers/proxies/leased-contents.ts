/**
 * The worker's side of a lease (see main/sync/leasable-lock-state.ts): objects whose contents
 * come along when this worker takes their lock on lease (Values, SharedArrays, manager dicts,
 * namespaces and values), found by the guard key their parent object gave them.
 */
export interface LeasedContents {
  readonly guardKey: number;
  /** A lease began: serve these contents locally until the handle is dropped. */
  prime(data: unknown): LeaseHandle;
}

/** One lease's hold on one object's contents (a manager dict may be on several leases at once). */
export interface LeaseHandle {
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
