/**
 * An RLock of the parent, inside a worker, with leases (see main/sync/rlock-state.ts). When
 * acquire() finds the lock free, the parent lends it to this worker together with the
 * contents of the Values and SharedArrays it guards. Until the end of the current turn of
 * the event loop, acquire(), release(), get() and set() are then local and cost no round
 * trip. The lease goes back, with what was written, as soon as the lock is not held and
 * either the turn has ended or this worker sends any other message (its task's result, its
 * exit included). A loop that keeps re-taking the lock lets a turn pass every few ms, so
 * other processes waiting for the lock get it. Between leases, this is a plain round trip.
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
import { leasedContents, type LeasedContents } from './leased-contents.js';

/** How long a lease may be re-taken without letting the event loop turn. */
const yieldAfterMs = 5;

interface Lease {
  count: number;
  turnEnded: boolean;
  since: number;
  contents: LeasedContents[];
}

const leased = new Set<RLockProxy>();

export class RLockProxy {
  readonly kind: string;
  private lease: Lease | undefined;

  constructor(
    ref: RemoteRef,
    private readonly call: RemoteCall,
  ) {
    this.kind = ref.kind;
  }

  /** Resolves true once held; false if `block: false` or the timeout (ms) ran out first. */
  acquire(options?: WaitOptions): Promise<boolean> {
    return attempt(() => {
      const wait = toWaitWire(options, 'RLock.acquire()');
      const lease = this.lease;
      if (!lease) return this.acquireRemote(wait);
      if (lease.count > 0 || performance.now() - lease.since < yieldAfterMs) {
        lease.count++;
        return true;
      }
      // Re-taken for a while without a turn: let one pass (the lease goes back), then queue up.
      return new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.acquire(options));
    });
  }

  /** Rejects with ValueError if this process does not hold the lock. */
  release(): Promise<void> {
    const lease = this.lease;
    if (!lease) return this.call('release', []) as Promise<void>;
    if (lease.count === 0) return Promise.reject(new ValueError('RLock.release(): this process does not hold the lock'));
    if (--lease.count === 0 && lease.turnEnded) this.giveBack();
    return Promise.resolve();
  }

  private async acquireRemote(wait: WaitWire): Promise<boolean> {
    const reply = await this.call('acquireLease', [wait]);
    if (typeof reply === 'boolean') {
      // A plain grant while a lease is held (another async path of this worker): count it in.
      if (reply && this.lease) this.lease.count++;
      return reply;
    }
    const lease: Lease = { count: 1, turnEnded: false, since: performance.now(), contents: [] };
    for (const [key, data] of leaseEntries(reply)) {
      const contents = leasedContents(key);
      if (!contents) continue;
      contents.prime(data);
      lease.contents.push(contents);
    }
    this.lease = lease;
    leased.add(this);
    setImmediate(() => {
      lease.turnEnded = true;
      if (this.lease === lease && lease.count === 0) this.giveBack();
    });
    return true;
  }

  /** Before any message leaves: a lease not in use goes back, one in use sends what it wrote. */
  settle(): void {
    const lease = this.lease;
    if (!lease) return;
    if (lease.count === 0) return this.giveBack();
    const values = written(lease, false);
    if (values.length > 0) this.call('writeBack', [values]).catch(() => {});
  }

  private giveBack(): void {
    const lease = this.lease;
    if (!lease) return;
    this.lease = undefined; // before sending: sending settles leases again
    leased.delete(this);
    this.call('returnLease', [written(lease, true)]).catch(() => {});
  }
}

function written(lease: Lease, end: boolean): Array<[number, unknown]> {
  const values: Array<[number, unknown]> = [];
  for (const contents of lease.contents) {
    const data = contents.collect();
    if (data !== undefined) values.push([contents.guardKey, data]);
    if (end) contents.drop();
  }
  return values;
}

function leaseEntries(reply: unknown): Array<[number, unknown]> {
  const entries = (reply as { lease?: unknown } | null)?.lease;
  if (!Array.isArray(entries)) throw new TypeError('RLock.acquire(): malformed reply from the parent');
  return entries.filter((e): e is [number, unknown] => Array.isArray(e) && typeof e[0] === 'number');
}

heldMessages.add(() => {
  for (const lock of leased) lock.settle();
});
