/**
 * A Queue or JoinableQueue of the parent, inside a worker. Every method returns a promise.
 * put() on an unbounded queue resolves at once and travels batched (held-puts.ts); on a
 * bounded queue it is a round trip that waits for room. close() is this process's own, as in
 * Python: afterwards this worker may not put or get.
 */
import { ValueError } from '../../shared/errors.js';
import { toWaitWire, type WaitOptions } from '../../shared/sync-wire.js';
import type { RemoteRef } from '../../shared/wire-value.js';
import type { RemoteCall } from '../remote-proxy.js';
import { attempt } from './attempt.js';
import { holdPut, takeFailure } from './held-puts.js';
import { pack, unpack } from './pack.js';

export class QueueProxy {
  readonly kind: string;
  readonly maxsize: number;
  private closed = false;

  constructor(
    private readonly ref: RemoteRef,
    protected readonly call: RemoteCall,
  ) {
    this.kind = ref.kind;
    this.maxsize = typeof ref.props?.maxsize === 'number' ? ref.props.maxsize : 0;
  }

  put(obj: unknown, options?: WaitOptions): Promise<void> {
    return attempt(() => {
      this.checkOpen('put');
      const wait = toWaitWire(options, 'Queue.put()');
      const item = pack(obj, 'the value put on the queue');
      const failure = takeFailure(this.ref.id);
      if (failure) throw failure;
      if (this.maxsize > 0) return this.call('put', [item, wait]) as Promise<void>;
      holdPut(this.ref.id, item);
      return Promise.resolve();
    });
  }

  putNowait(obj: unknown): Promise<void> {
    return this.put(obj, { block: false });
  }

  get(options?: WaitOptions): Promise<unknown> {
    return attempt(async () => {
      this.checkOpen('get');
      return unpack(await this.call('get', [toWaitWire(options, 'Queue.get()')]));
    });
  }

  getNowait(): Promise<unknown> {
    return this.get({ block: false });
  }

  qsize(): Promise<number> {
    return this.call('qsize', []) as Promise<number>;
  }

  empty(): Promise<boolean> {
    return this.call('empty', []) as Promise<boolean>;
  }

  full(): Promise<boolean> {
    return this.call('full', []) as Promise<boolean>;
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  private checkOpen(method: string): void {
    if (this.closed) throw new ValueError(`Queue.${method}(): the queue is closed in this process`);
  }
}

export class JoinableQueueProxy extends QueueProxy {
  taskDone(): Promise<void> {
    return this.call('taskDone', []) as Promise<void>;
  }

  join(): Promise<void> {
    return this.call('join', []) as Promise<void>;
  }
}
