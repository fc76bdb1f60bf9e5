/**
 * One end of a parent's Pipe, inside a worker. send() serialises at once (what cannot be
 * cloned fails here) and is a round trip, so sending to a closed end rejects at the caller.
 */
import { toTimeout } from '../../shared/timeout.js';
import type { RemoteRef } from '../../shared/wire-value.js';
import type { RemoteCall } from '../remote-proxy.js';
import { attempt } from './attempt.js';
import { pack, unpack } from './pack.js';

export class ConnectionProxy {
  readonly kind: string;
  readonly readable: boolean;
  readonly writable: boolean;

  constructor(
    ref: RemoteRef,
    private readonly call: RemoteCall,
  ) {
    this.kind = ref.kind;
    this.readable = ref.props?.readable === true;
    this.writable = ref.props?.writable === true;
  }

  get closed(): Promise<boolean> {
    return this.call('closed', []) as Promise<boolean>;
  }

  send(obj: unknown): Promise<void> {
    return attempt(() => this.call('send', [pack(obj, 'the value sent through the Pipe')]) as Promise<void>);
  }

  /** The next item; rejects with EOFError once the other end is closed and nothing is left. */
  async recv(): Promise<unknown> {
    return unpack(await this.call('recv', []));
  }

  /** Whether there is something to receive, waiting up to `timeoutMs` (default 0: no wait). */
  poll(timeoutMs = 0): Promise<boolean> {
    return attempt(() => this.call('poll', [toTimeout(timeoutMs, 'Connection.poll()')]) as Promise<boolean>);
  }

  close(): Promise<void> {
    return this.call('close', []) as Promise<void>;
  }
}
