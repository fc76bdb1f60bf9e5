/**
 * Writes item outcomes to the ledger and the job's counters in batches: outcomes are held
 * for at most `intervalMs`, then written in one transaction. A unit whose items all
 * succeeded is one done range, so a job of 100,000 small files writes a few hundred rows,
 * not 100,000 row updates. The time spent here is measured, so a benchmark can show it.
 */
import type { Store } from '../state/store.js';
import type { ItemOutcome, UnitItem } from './job-driver.js';
import { ItemState } from './job-record.js';
import type { CounterDeltas, JobsRepo } from './jobs-repo.js';
import type { LedgerRepo } from './ledger-repo.js';

interface Held {
  items: UnitItem[];
  outcomes: ItemOutcome[];
  /** The items are a run of consecutive open items (a unit), so all-succeeded may be one range update. */
  run: boolean;
}

export class LedgerWriter {
  /** Milliseconds spent writing, for the overhead figures. */
  spentMs = 0;
  private held: Held[] = [];
  private timer: NodeJS.Timeout | undefined;
  private shown = 0;

  constructor(
    private readonly store: Store,
    private readonly repo: JobsRepo,
    private readonly ledger: LedgerRepo,
    private readonly jobId: number,
    /** Told after held outcomes are written: the job's counters changed. */
    private readonly onCounted: () => void = () => {},
    private readonly intervalMs = 100,
  ) {}

  /** Holds the outcomes of a unit's items (a subset of `items`, by seq); returns what they add to the counters. */
  record(items: UnitItem[], outcomes: ItemOutcome[], run = false): CounterDeltas {
    const deltas: Required<CounterDeltas> = { itemsDone: 0, itemsFailed: 0, itemsSkipped: 0, bytesDone: 0 };
    if (outcomes.length === 0) return deltas;
    const sizes = new Map(items.map((item) => [item.seq, item.size]));
    for (const outcome of outcomes) {
      if (outcome.ok) deltas.itemsDone++;
      else deltas.itemsFailed++;
      deltas.bytesDone += sizes.get(outcome.seq) ?? 0;
    }
    this.held.push({ items, outcomes, run });
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
    return deltas;
  }

  /** The high-water mark of the bytes shown, stored with the next flush. */
  showed(bytes: number): void {
    this.shown = Math.max(this.shown, bytes);
  }

  get pending(): boolean {
    return this.held.length > 0;
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const held = this.held;
    this.held = [];
    this.transaction(() => {
      const deltas: Required<CounterDeltas> = { itemsDone: 0, itemsFailed: 0, itemsSkipped: 0, bytesDone: 0 };
      for (const { items, outcomes, run } of held) this.write(items, outcomes, run, deltas);
      this.repo.count(this.jobId, deltas, this.shown);
    });
    if (held.length > 0) this.onCounted();
  }

  /** Any other write of the job's ledger (its plan, items marked as sent), timed with the rest. */
  transaction<T>(fn: () => T): T {
    const started = performance.now();
    try {
      return this.store.transaction(fn);
    } finally {
      this.spentMs += performance.now() - started;
    }
  }

  close(): void {
    if (this.held.length > 0) this.flush();
    clearTimeout(this.timer);
  }

  private write(items: UnitItem[], outcomes: ItemOutcome[], run: boolean, deltas: Required<CounterDeltas>): void {
    const sizes = new Map(items.map((item) => [item.seq, item.size]));
    const whole = run && outcomes.length === items.length && outcomes.every((o) => o.ok && o.result === undefined);
    if (whole) this.ledger.finishRange(this.jobId, items[0]!.seq, items[items.length - 1]!.seq);
    for (const outcome of outcomes) {
      if (outcome.ok) {
        deltas.itemsDone++;
        if (!whole) this.ledger.finish(this.jobId, outcome.seq, ItemState.done, outcome.result ?? null);
      } else {
        deltas.itemsFailed++;
        this.ledger.finish(this.jobId, outcome.seq, ItemState.failed, null, outcome.error);
      }
      deltas.bytesDone += sizes.get(outcome.seq) ?? 0;
    }
  }
}
