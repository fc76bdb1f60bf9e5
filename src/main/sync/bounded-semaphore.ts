/**
 * BoundedSemaphore: a Semaphore that refuses to be released above its starting value, which
 * catches a release() too many (Python's multiprocessing.BoundedSemaphore).
 */
import { ValueError } from '../../shared/errors.js';
import { SyncKind } from '../../shared/sync-wire.js';
import { Semaphore } from './semaphore.js';

export class BoundedSemaphore extends Semaphore {
  protected override checkRelease(): void {
    if (this.value >= this.initial) {
      throw new ValueError(`BoundedSemaphore.release(): released too many times (its value ${this.initial} is the most it may hold)`);
    }
  }

  protected override get kind(): string {
    return SyncKind.BoundedSemaphore;
  }
}
