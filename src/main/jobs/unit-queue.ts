/**
 * The units a run still has to send: those to run again first (a dead worker's, split one
 * item each; a transient failure's), then new ones, pulled from the driver one at a time so
 * a large ledger is never cut into units all at once.
 */
import type { UnitItem } from './job-driver.js';

export interface Unit {
  items: UnitItem[];
  /** Tries so far that ended with the worker dead, a timeout or a transient error. */
  attempts: number;
}

export class UnitQueue {
  private readonly again: Unit[] = [];
  private source: Iterator<UnitItem[]> | undefined;
  private next: Unit | undefined;

  from(units: Iterable<UnitItem[]>): void {
    this.source = units[Symbol.iterator]();
  }

  /** To be run before any new unit. */
  retryFirst(...units: Unit[]): void {
    this.again.unshift(...units);
  }

  /** To be run after the others waiting to be run again. */
  retryLater(unit: Unit): void {
    this.again.push(unit);
  }

  get hasWork(): boolean {
    if (this.again.length > 0 || this.next) return true;
    const pulled = this.source?.next();
    if (!pulled || pulled.done) return false;
    this.next = { items: pulled.value, attempts: 0 };
    return true;
  }

  /** The next unit; call only when hasWork. */
  take(): Unit {
    const retried = this.again.shift();
    if (retried) return retried;
    const unit = this.next!;
    this.next = undefined;
    return unit;
  }
}
