/**
 * Event: a flag processes wait on (Python's multiprocessing.Event). set() wakes every waiter;
 * wait(timeoutMs) resolves true when the flag is set, false if the time ran out first.
 */
import { SyncKind } from '../../shared/sync-wire.js';
import { toTimeout } from '../../shared/timeout.js';
import { remoteHost, type RemoteHost, type Shareable } from '../pool/remote-objects.js';
import { parentCaller, serve } from './serve.js';
import { WaitList } from './wait-list.js';

export class Event implements Shareable {
  private flag = false;
  private readonly waiters = new WaitList<undefined, boolean>();

  isSet(): boolean {
    return this.flag;
  }

  set(): void {
    this.flag = true;
    for (const waiter of this.waiters.takeAll()) waiter.resolve(true);
  }

  clear(): void {
    this.flag = false;
  }

  async wait(timeoutMs?: number): Promise<boolean> {
    return this.waitFor(parentCaller.pid, toTimeout(timeoutMs, 'Event.wait()'));
  }

  private waitFor(pid: number, timeout: number | null): boolean | Promise<boolean> {
    if (this.flag) return true;
    if (timeout === 0) return false;
    return this.waiters.wait(pid, undefined, timeout, () => this.flag);
  }

  [remoteHost](): RemoteHost {
    return serve(
      SyncKind.Event,
      {
        isSet: () => this.flag,
        set: () => this.set(),
        clear: () => this.clear(),
        wait: (caller, [timeout]) => this.waitFor(caller.pid, toTimeout(timeout, 'Event.wait()')),
      },
      { processExited: (pid) => this.waiters.dropProcess(pid) },
    );
  }
}
