/**
 * The parent's end of one worker's IPC channel. Messages sent in one turn of the event loop
 * leave as one write; incoming batches are checked, shared-object calls are answered here,
 * and everything else goes to the owner (a pool worker or a Process).
 */
import type { ChildProcess } from 'node:child_process';
import { toWireError } from '../../shared/error-wire.js';
import { isWorkerBatch, type ParentMessage, type WorkerMessage } from '../../shared/worker-protocol.js';
import { decodePayload, encodePayload } from './payload.js';
import { remoteObjects } from './remote-objects.js';

export type OwnMessage = Exclude<WorkerMessage, { t: 'call' }>;

export class WorkerChannel {
  private outbox: ParentMessage[] = [];
  private flushQueued = false;

  constructor(
    private readonly child: ChildProcess,
    onMessage: (message: OwnMessage) => void,
    /** A message that cannot be sent (a value slipped past the sender's check). */
    private readonly onUnsendable: (message: ParentMessage, error: Error) => void = () => {},
  ) {
    child.on('error', () => {
      // EPIPE and failed spawns: the 'close' that follows is where they are handled.
    });
    child.on('message', (batch: unknown) => {
      if (!isWorkerBatch(batch)) return; // not ours: a task's own process.send()
      for (const message of batch) {
        if (message.t === 'call') void this.answer(message);
        else onMessage(message);
      }
    });
  }

  send(message: ParentMessage): void {
    this.outbox.push(message);
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => this.flush());
  }

  /** Sends at once, bypassing the batch, and throws if the message cannot be sent. */
  sendNow(message: ParentMessage): void {
    this.child.send([message], () => {});
  }

  /** Whether this channel keeps the parent's event loop alive (off for idle or daemon workers). */
  keepAlive(on: boolean): void {
    const channel = (this.child as unknown as { channel?: { ref(): void; unref(): void } }).channel;
    if (on) {
      this.child.ref();
      channel?.ref();
    } else {
      this.child.unref();
      channel?.unref();
    }
  }

  private flush(): void {
    this.flushQueued = false;
    if (this.outbox.length === 0 || !this.child.connected) {
      this.outbox = [];
      return;
    }
    const batch = this.outbox;
    this.outbox = [];
    try {
      // A write that fails means the worker is dying; its exit handler settles its tasks.
      this.child.send(batch, () => {});
    } catch {
      for (const message of batch) {
        try {
          this.child.send([message], () => {});
        } catch (error) {
          this.onUnsendable(message, error as Error);
        }
      }
    }
  }

  private async answer(message: Extract<WorkerMessage, { t: 'call' }>): Promise<void> {
    const pid = this.child.pid ?? -1;
    try {
      const args = decodePayload(message.args, message.refs) as unknown[];
      const value = await remoteObjects.call(message.obj, message.method, args, { pid });
      const reply = encodePayload(value, 'the result of a shared-object call');
      this.send({ t: 'reply', callId: message.callId, ok: true, value: reply.value, refs: reply.refs });
    } catch (error) {
      this.send({ t: 'reply', callId: message.callId, ok: false, error: toWireError(error) });
    }
  }
}
