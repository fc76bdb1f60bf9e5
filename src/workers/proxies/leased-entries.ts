/**
 * The entries of one manager dict, namespace or value that this worker holds on lease with
 * a manager lock (see main/state/entry-leases.ts), as stored bytes: each read decodes a fresh
 * copy, exactly as the parent does, and each write is encoded (and so checked) at once, in
 * the caller. Several leases may hold entries of one object; each gets its own handle.
 */
import v8 from 'node:v8';
import { encodeStored, type LeasedEntry } from '../../shared/manager-wire.js';
import { isProxy, type RemoteCall } from '../remote-proxy.js';
import { attempt } from './attempt.js';
import { registerLeasedContents, type LeasedContents, type LeaseHandle } from './leased-contents.js';

interface Held {
  bytes: Uint8Array | null;
  dirty: boolean;
}

export class LeasedEntries implements LeasedContents {
  private readonly held = new Map<string, Held>();

  constructor(
    readonly guardKey: number,
    private readonly call: RemoteCall,
  ) {
    if (guardKey >= 0) registerLeasedContents(this);
  }

  prime(data: unknown): LeaseHandle {
    const keys: string[] = [];
    for (const [key, bytes] of entriesOf(data)) {
      this.held.set(key, { bytes, dirty: false });
      keys.push(key);
    }
    return {
      collect: () => {
        const written: LeasedEntry[] = [];
        for (const key of keys) {
          const entry = this.held.get(key);
          if (!entry?.dirty) continue;
          entry.dirty = false;
          written.push([key, entry.bytes]);
        }
        return written.length > 0 ? written : undefined;
      },
      drop: () => {
        for (const key of keys) this.held.delete(key);
      },
    };
  }

  /**
   * Each method serves `key` (as stored) here if it is on lease, else calls the parent's
   * method of the same name with `args`, the caller's arguments.
   * get: the value of `key` (a fresh copy), `absent` when the key is not there.
   */
  get(key: string, absent: unknown, args: unknown[]): Promise<unknown> {
    const entry = this.held.get(key);
    if (!entry) return this.call('get', args);
    return attempt(() => (entry.bytes === null ? absent : v8.deserialize(entry.bytes)));
  }

  has(key: string, args: unknown[]): Promise<unknown> {
    const entry = this.held.get(key);
    return entry ? Promise.resolve(entry.bytes !== null) : this.call('has', args);
  }

  /** `what` names the call in the error of a value that cannot be stored, e.g. `dict 'd'.set(k)`. */
  set(key: string, value: unknown, what: string, args: unknown[]): Promise<unknown> {
    const entry = this.held.get(key);
    if (!entry) return this.call('set', args);
    return attempt(() => this.write(entry, encodeStored(value, what, isProxy, v8.serialize)));
  }

  /** Removes `key`; resolves its old value (`absent` if it was not there). */
  pop(key: string, absent: unknown, args: unknown[]): Promise<unknown> {
    const entry = this.held.get(key);
    if (!entry) return this.call('pop', args);
    return attempt(() => {
      const bytes = entry.bytes;
      if (bytes === null) return absent;
      this.write(entry, null);
      return v8.deserialize(bytes);
    });
  }

  /** Removes `key`; resolves whether it was there. */
  delete(key: string, args: unknown[]): Promise<unknown> {
    const entry = this.held.get(key);
    if (!entry) return this.call('delete', args);
    const had = entry.bytes !== null;
    if (had) this.write(entry, null);
    return Promise.resolve(had);
  }

  private write(entry: Held, bytes: Uint8Array | null): void {
    entry.bytes = bytes;
    entry.dirty = true;
  }
}

function entriesOf(data: unknown): LeasedEntry[] {
  if (!Array.isArray(data)) return [];
  return data.filter(
    (e): e is LeasedEntry => Array.isArray(e) && typeof e[0] === 'string' && (e[1] === null || e[1] instanceof Uint8Array),
  );
}
