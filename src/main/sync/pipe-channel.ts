/**
 * One direction of a Pipe: the items sent and not yet received, the receivers waiting, and
 * whether the sending or the receiving end has been closed.
 */
import { EOFError, ValueError } from '../../shared/errors.js';
import type { PackedItem } from '../../shared/sync-wire.js';
import { Deque } from '../../shared/deque.js';
import { isGone } from './gone-processes.js';
import { WaitList } from './wait-list.js';

export class PipeChannel {
  private readonly items = new Deque<PackedItem>();
  private readonly receivers = new WaitList<undefined, PackedItem>();
  private readonly pollers = new WaitList<undefined, boolean>();
  private writerClosed = false;
  private readerClosed = false;

  send(item: PackedItem): void {
    if (this.readerClosed) throw new EOFError('Connection.send(): the other end of the Pipe is closed');
    const receiver = this.receivers.shift();
    if (receiver) return receiver.resolve(item);
    this.items.push(item);
    for (const poller of this.pollers.takeAll()) poller.resolve(true);
  }

  recv(pid: number): PackedItem | Promise<PackedItem> {
    if (isGone(pid)) throw new ValueError(`process ${pid} has exited; it cannot receive`);
    if (this.items.length > 0) return this.items.shift() as PackedItem;
    if (this.writerClosed) throw eof();
    return this.receivers.wait(pid, undefined, null, () => {
      throw eof();
    });
  }

  /** True when recv() would not wait: an item is there, or the sender closed (recv() then throws EOFError). */
  poll(pid: number, timeout: number | null): boolean | Promise<boolean> {
    if (this.items.length > 0 || this.writerClosed) return true;
    if (timeout === 0) return false;
    return this.pollers.wait(pid, undefined, timeout, () => false);
  }

  closeWriter(): void {
    this.writerClosed = true;
    for (const receiver of this.receivers.takeAll()) receiver.reject(eof());
    for (const poller of this.pollers.takeAll()) poller.resolve(true);
  }

  closeReader(): void {
    this.readerClosed = true;
    this.items.clear();
    const closed = new ValueError('Connection.recv(): the connection was closed while waiting');
    for (const receiver of this.receivers.takeAll()) receiver.reject(closed);
    for (const poller of this.pollers.takeAll()) poller.resolve(false);
  }

  processExited(pid: number): void {
    this.receivers.dropProcess(pid);
    this.pollers.dropProcess(pid);
  }
}

function eof(): EOFError {
  return new EOFError('Connection.recv(): the other end of the Pipe is closed and nothing is left to receive');
}
