/**
 * A Barrier of the parent, inside a worker. `parties` is fixed and read locally; `nWaiting`
 * and `broken` change, so here they are promises: `await barrier.nWaiting`.
 */
import { toTimeout } from '../../shared/timeout.js';
import type { RemoteRef } from '../../shared/wire-value.js';
import type { RemoteCall } from '../remote-proxy.js';
import { attempt } from './attempt.js';

export class BarrierProxy {
  readonly kind: string;
  readonly parties: number;

  constructor(
    ref: RemoteRef,
    private readonly call: RemoteCall,
  ) {
    this.kind = ref.kind;
    this.parties = typeof ref.props?.parties === 'number' ? ref.props.parties : 0;
  }

  get nWaiting(): Promise<number> {
    return this.call('nWaiting', []) as Promise<number>;
  }

  get broken(): Promise<boolean> {
    return this.call('broken', []) as Promise<boolean>;
  }

  /** Resolves this party's arrival index; rejects with BrokenBarrierError if the barrier breaks. */
  wait(timeoutMs?: number): Promise<number> {
    return attempt(() => this.call('wait', [toTimeout(timeoutMs, 'Barrier.wait()')]) as Promise<number>);
  }

  reset(): Promise<void> {
    return this.call('reset', []) as Promise<void>;
  }

  abort(): Promise<void> {
    return this.call('abort', []) as Promise<void>;
  }
}
