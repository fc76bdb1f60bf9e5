/**
 * A running job's progress as people see it: bytes (or items) finished plus those under way
 * in the workers, never going backwards — not when a task under way is retried, not across
 * a resume (the high-water mark is stored) — with a rate over the last few seconds and the
 * time left at that rate.
 */

/** The rate is measured over this window. */
const windowMs = 5000;

export interface MeterReading {
  /** Monotonic, at most the total. */
  shown: number;
  rate?: number;
  etaMs?: number;
}

export class ProgressMeter {
  private finished = 0;
  private shown: number;
  private readonly underWay = new Map<string, number>();
  private underWaySum = 0;
  private readonly samples: Array<[number, number]> = [];

  constructor(
    private total: number,
    /** Finished so far (from the ledger) and the high-water mark shown before. */
    start: { finished: number; shown: number },
    private readonly now: () => number = () => performance.now(),
  ) {
    this.finished = start.finished;
    this.shown = Math.min(total, Math.max(start.shown, start.finished));
  }

  setTotal(total: number, finished: number): void {
    this.total = total;
    this.finished = finished;
    this.samples.length = 0;
  }

  /** A unit's amount done so far, from its progress events. */
  update(unit: string, done: number): void {
    const before = this.underWay.get(unit) ?? 0;
    if (done <= before) return;
    this.underWay.set(unit, done);
    this.underWaySum += done - before;
  }

  /** A unit ended: what it finished moves to the ledger's count; what it had under way is dropped. */
  settle(unit: string, finished: number): void {
    this.underWaySum -= this.underWay.get(unit) ?? 0;
    this.underWay.delete(unit);
    this.finished += finished;
  }

  /** Items or bytes given back to be done again (failed items retried). */
  reopen(amount: number): void {
    this.finished -= amount;
  }

  read(): MeterReading {
    const live = this.finished + this.underWaySum;
    this.shown = Math.min(this.total, Math.max(this.shown, live));
    const now = this.now();
    const samples = this.samples;
    if (samples.length === 0 || now - samples[samples.length - 1]![0] >= 100) samples.push([now, this.shown]);
    while (samples.length > 2 && now - samples[0]![0] > windowMs) samples.shift();
    const reading: MeterReading = { shown: this.shown };
    const [firstAt, firstShown] = samples[0]!;
    const elapsed = now - firstAt;
    if (elapsed >= 500) {
      const rate = ((this.shown - firstShown) / elapsed) * 1000;
      reading.rate = rate;
      if (rate > 0) reading.etaMs = Math.round(((this.total - this.shown) / rate) * 1000);
    }
    return reading;
  }
}
