/**
 * A Lock or an RLock of the parent, inside a worker, with leases (see
 * main/sync/leasable-lock-state.ts). When acquire() finds the lock free, the parent lends it
 * to this worker together with the contents it guards (Values, SharedArrays, manager
 * entries). acquire(), release() and the accesses to those contents are then local and cost
 * no round trip, until the lease ends: when the current turn of the event loop ends, or
 * before any other message leaves this worker (its task's result and its exit included). A
 * lease no longer held then goes back with what was written; one still held turns into a
 * plain hold, sending what was written, and is released by round trip. A loop that keeps
 * re-taking the lock lets a turn pass every few ms, so other processes waiting get their turn.
 *
 * One thing a lease cannot do: a worker that goes on with a long synchronous computation
 * right after releasing (without an await of anything that needs the event loop) keeps the
 * lease, and with it the lock, until that computation ends.
 */
import { ValueError } from '../../shared/errors.js';
import { toWaitWire, type WaitOptions, type WaitWire } from '../../shared/sync-wire.js';
import type { RemoteRef } from '../../shared/wire-value.js';
import { heldMessages } from '../outbox.js';
import type { RemoteCall } from '../remote-proxy.js';
import { attempt } from './attempt.js';
import { leasedContents, type LeaseHandle } from './leased-contents.js';

/** How long a lease may be re-taken without letting the event loop turn. */
const yieldAfterMs = 5;

interface Lease {
  count: number;
  since: number;
  handles: Array<[number, LeaseHandle]>;
}

const leased = new Set<LockProxy>();
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class LockProxy {
  readonly kind: string;
  private lease: Lease | undefined;

  constructor(
    ref: RemoteRef,
    private readonly call: RemoteCall,
    private readonly recursive: boolean,
    private readonly name: string,
  ) {
    this.kind = ref.kind;
  }

  /** Resolves true once held; false if `block: false` or the timeout (ms) ran out first. */
  acquire(options?: WaitOptions): Promise<boolean> {
    return attempt(() => {
      const wait = toWaitWire(options, `${this.name}.acquire()`);
      const lease = this.lease;
      if (!lease) return this.acquireRemote(wait);
      if (lease.count > 0 && this.recursive) {
        lease.count++;
        return true;
      }
      if (lease.count > 0) {
        // A Lock taken again by its holder waits until some process releases it, as in
        // Python: only the parent can tell when, so the hold becomes a plain one.
        this.end('holdLease');
        return this.acquireRemote(wait);
      }
      if (performance.now() - lease.since < yieldAfterMs) {
        lease.count = 1;
        return true;
      }
      // Re-taken for a while without a turn: let one pass (the lease goes back), then queue up.
      return nextTurn().then(() => this.acquire(options));
    });
  }

  /** Rejects with ValueError if the lock is not held (an RLock: not by this process). */
  release(): Promise<void> {
    const lease = this.lease;
    if (!lease) return this.call('release', []) as Promise<void>;
    // On lease nobody else holds the lock, so it is known here that it is not held at all.
    if (lease.count === 0) return Promise.reject(new ValueError(`release(): the ${this.name} is not acquired (released too many times)`));
    lease.count--;
    return Promise.resolve();
  }

  /** Before any message leaves: the lease ends, going back or becoming a plain hold. */
  settle(): void {
    const lease = this.lease;
    if (lease) this.end(lease.count === 0 ? 'returnLease' : 'holdLease');
  }

  private async acquireRemote(wait: WaitWire): Promise<boolean> {
    const reply = await this.call('acquireLease', [wait]);
    if (typeof reply === 'boolean') {
      // An RLock granted plainly while a lease is held (another async path of this worker): count it in.
      if (reply && this.lease) this.lease.count++;
      return reply;
    }
    const lease: Lease = { count: 1, since: performance.now(), handles: [] };
    for (const [key, data] of leaseEntries(reply)) {
      const contents = leasedContents(key);
      if (contents) lease.handles.push([key, contents.prime(data)]);
    }
    this.lease = lease;
    leased.add(this);
    setImmediate(() => {
      if (this.lease === lease) this.settle();
    });
    return true;
  }

  private end(method: 'returnLease' | 'holdLease'): void {
    const lease = this.lease;
    if (!lease) return;
    this.lease = undefined; // before sending: sending settles leases again
    leased.delete(this);
    const values: Array<[number, unknown]> = [];
    for (const [key, handle] of lease.handles) {
      const data = handle.collect();
      if (data !== undefined) values.push([key, data]);
      handle.drop();
    }
    const args = method === 'returnLease' ? [values] : [values, lease.count];
    this.call(method, args).catch(() => {});
  }
}

function leaseEntries(reply: unknown): Array<[number, unknown]> {
  const entries = (reply as { lease?: unknown } | null)?.lease;
  if (!Array.isArray(entries)) throw new TypeError('acquire(): malformed reply from the parent');
  return entries.filter((e): e is [number, unknown] => Array.isArray(e) && typeof e[0] === 'number');
}

heldMessages.add(() => {
  for (const lock of leased) lock.settle();
});
