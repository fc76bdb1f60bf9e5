/** An Event of the parent, inside a worker: the same methods, each a promise. */
import { toTimeout } from '../../shared/timeout.js';
import type { RemoteRef } from '../../shared/wire-value.js';
import type { RemoteCall } from '../remote-proxy.js';
import { attempt } from './attempt.js';

export class EventProxy {
  readonly kind: string;

  constructor(
    ref: RemoteRef,
    private readonly call: RemoteCall,
  ) {
    this.kind = ref.kind;
  }

  isSet(): Promise<boolean> {
    return this.call('isSet', []) as Promise<boolean>;
  }

  set(): Promise<void> {
    return this.call('set', []) as Promise<void>;
  }

  clear(): Promise<void> {
    return this.call('clear', []) as Promise<void>;
  }

  /** Resolves true when the flag is set, false if `timeoutMs` ran out first. */
  wait(timeoutMs?: number): Promise<boolean> {
    return attempt(() => this.call('wait', [toTimeout(timeoutMs, 'Event.wait()')]) as Promise<boolean>);
  }
}
