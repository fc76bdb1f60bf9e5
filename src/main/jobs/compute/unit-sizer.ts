/**
 * How many inputs go in one task of a compute job. Python's default chunksize (a quarter of
 * each worker's share) suits quick functions, but with inputs that take seconds each a task
 * of 63 of them runs for minutes: the job's count stands still, and a pause throws the whole
 * task's work away. So tasks start at one input, each task's time per input is measured, and
 * later tasks hold as many as take about `targetTaskMs`, never more than the default.
 */

/** Long enough that a round trip is nothing beside it, short enough that progress moves. */
export const targetTaskMs = 500;

export class UnitSizer {
  private perItemMs: number | undefined;
  private readonly sentAt = new Map<number, number>();

  constructor(
    private readonly largest: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The size of the next task. */
  get size(): number {
    if (this.perItemMs === undefined) return 1;
    return Math.max(1, Math.min(this.largest, Math.floor(targetTaskMs / Math.max(this.perItemMs, 1e-3))));
  }

  /** A task of these inputs (told apart by the first one's seq) was sent. */
  sent(firstSeq: number): void {
    this.sentAt.set(firstSeq, this.now());
  }

  /** Its results came back: its time per input updates the estimate (the latest counts most). */
  done(firstSeq: number, count: number): void {
    const sentAt = this.sentAt.get(firstSeq);
    if (sentAt === undefined || count === 0) return;
    this.sentAt.delete(firstSeq);
    const perItem = (this.now() - sentAt) / count;
    this.perItemMs = this.perItemMs === undefined ? perItem : this.perItemMs * 0.5 + perItem * 0.5;
  }
}
