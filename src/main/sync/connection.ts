/**
 * Connection: one end of a Pipe (Python's multiprocessing.connection.Connection). send()
 * serialises at once, so a value that cannot be sent fails in the caller; recv() resolves the
 * next item, or rejects with EOFError once the other end is closed and nothing is left.
 *
 * Unlike an OS pipe, an end is one object served by the parent: close() closes it for every
 * process that holds it, so do not close in the parent an end a child still uses.
 */
import { ValueError } from '../../shared/errors.js';
import { isPackedItem, SyncKind } from '../../shared/sync-wire.js';
import { toTimeout } from '../../shared/timeout.js';
import { remoteHost, type RemoteHost, type Shareable } from '../pool/remote-objects.js';
import { pack, unpack } from './pack.js';
import type { PipeChannel } from './pipe-channel.js';
import { parentCaller, serve } from './serve.js';

export class Connection<T = unknown> implements Shareable {
  private isClosed = false;

  /** Made by Pipe(): `inbound` is what this end receives from, `outbound` what it sends to. */
  constructor(
    private readonly inbound: PipeChannel | undefined,
    private readonly outbound: PipeChannel | undefined,
  ) {}

  get readable(): boolean {
    return this.inbound !== undefined;
  }

  get writable(): boolean {
    return this.outbound !== undefined;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  send(obj: T): void {
    this.sendPacked(pack(obj, 'the value sent through the Pipe'));
  }

  async recv(): Promise<T> {
    return unpack(await this.recvAs(parentCaller.pid)) as T;
  }

  /** Whether there is something to receive, waiting up to `timeoutMs` (default 0: no wait; Infinity: until there is). */
  async poll(timeoutMs = 0): Promise<boolean> {
    return this.pollAs(parentCaller.pid, toTimeout(timeoutMs, 'Connection.poll()'));
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.outbound?.closeWriter();
    this.inbound?.closeReader();
  }

  private sendPacked(item: unknown): void {
    this.checkOpen('send');
    if (!this.outbound) throw new ValueError('Connection.send(): this end of a one-way Pipe only receives');
    if (!isPackedItem(item)) throw new TypeError('Connection.send(): malformed item');
    this.outbound.send(item);
  }

  private recvAs(pid: number): ReturnType<PipeChannel['recv']> {
    this.checkOpen('recv');
    if (!this.inbound) throw new ValueError('Connection.recv(): this end of a one-way Pipe only sends');
    return this.inbound.recv(pid);
  }

  private pollAs(pid: number, timeout: number | null): boolean | Promise<boolean> {
    this.checkOpen('poll');
    if (!this.inbound) throw new ValueError('Connection.poll(): this end of a one-way Pipe only sends');
    return this.inbound.poll(pid, timeout);
  }

  private checkOpen(method: string): void {
    if (this.isClosed) throw new ValueError(`Connection.${method}(): the connection is closed`);
  }

  [remoteHost](): RemoteHost {
    return serve(
      SyncKind.Connection,
      {
        send: (_caller, [item]) => this.sendPacked(item),
        recv: (caller) => this.recvAs(caller.pid),
        poll: (caller, [timeout]) => this.pollAs(caller.pid, toTimeout(timeout ?? 0, 'Connection.poll()')),
        close: () => this.close(),
        closed: () => this.isClosed,
      },
      {
        props: { readable: this.readable, writable: this.writable },
        processExited: (pid) => this.inbound?.processExited(pid),
      },
    );
  }
}
