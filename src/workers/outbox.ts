/**
 * Messages to the parent pile up here and leave as one IPC write: at the end of the current
 * turn of the event loop ('batch': results, puts), once the code running now yields ('soon':
 * calls whose caller waits for the answer), at once ('now': progress from a loop that may
 * never yield), or when the task loop asks (see runtime.ts).
 */
import { toWireError } from '../shared/error-wire.js';
import type { WorkerMessage } from '../shared/worker-protocol.js';

/**
 * Senders that hold messages back to batch them (queue puts, see proxies/held-puts.ts). Each
 * hands over what it holds before any other message is queued and before every write, so the
 * parent sees everything in the order the worker did it, a task's result after its puts.
 */
export const heldMessages = new Set<() => void>();

export type Urgency = 'batch' | 'soon' | 'now';

export class Outbox {
  private messages: WorkerMessage[] = [];
  private scheduled = false;
  private flushSoon = false;
  /** Writes not yet in the OS's hands (process.send calls back once they are). */
  private writing = 0;
  private readonly whenWritten: Array<() => void> = [];

  /** Everything pushed so far is in the OS's hands: should this process die now, the parent reads all of it. */
  get handedOver(): boolean {
    return this.messages.length === 0 && this.writing === 0;
  }

  push(message: WorkerMessage, urgency: Urgency = 'batch'): void {
    for (const release of heldMessages) release();
    this.messages.push(message);
    if (urgency === 'now') return this.flush();
    if (urgency === 'soon' && !this.flushSoon) {
      this.flushSoon = true;
      queueMicrotask(() => {
        this.flushSoon = false;
        this.flush();
      });
    }
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  /** Sends what waits; `done` runs once it, and everything sent before, is in the OS's hands. */
  flush(done?: () => void): void {
    for (const release of heldMessages) release();
    if (done) this.whenWritten.push(done);
    if (this.messages.length > 0 && process.connected) this.write(this.messages.splice(0));
    this.settle();
  }

  private write(batch: WorkerMessage[]): void {
    this.writing++;
    const written = (): void => {
      this.writing--;
      this.settle();
    };
    try {
      process.send!(batch, undefined, {}, written);
    } catch (error) {
      // Something in the batch slipped past the sender's check (a native object): send the
      // rest one by one, and turn a result that cannot go into that task's error.
      for (const message of batch) sendAlone(message, error);
      // Writes leave in order: once this empty one is written, so are they.
      process.send!([], undefined, {}, written);
    }
  }

  /** Nothing left to write, or no parent to write to: whoever waits goes on. */
  private settle(): void {
    if (this.writing > 0 && process.connected) return;
    for (const done of this.whenWritten.splice(0)) done();
  }
}

function sendAlone(message: WorkerMessage, batchError: unknown): void {
  try {
    process.send!([message]);
  } catch {
    if (message.t !== 'result') throw batchError;
    const reason = batchError instanceof Error ? batchError.message : String(batchError);
    const error = new TypeError(`the task's result cannot be sent to the parent: ${reason}`);
    process.send!([{ t: 'result', id: message.id, ok: false, error: toWireError(error) }]);
  }
}
