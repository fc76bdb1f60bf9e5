/** The last N samples of a number, oldest first: the data of a sparkline. */
export class RingHistory {
  private values: number[] = [];

  constructor(readonly capacity = 60) {}

  add(value: number): void {
    this.values.push(Number.isFinite(value) ? value : 0);
    if (this.values.length > this.capacity) this.values.splice(0, this.values.length - this.capacity);
  }

  snapshot(): number[] {
    return this.values.slice();
  }

  get latest(): number | undefined {
    return this.values.at(-1);
  }
}

/** One history per key (a PID), forgetting keys that are gone. */
export class KeyedHistory {
  private byKey = new Map<number, RingHistory>();

  constructor(private readonly capacity = 60) {}

  add(key: number, value: number): void {
    let ring = this.byKey.get(key);
    if (!ring) this.byKey.set(key, (ring = new RingHistory(this.capacity)));
    ring.add(value);
  }

  get(key: number): number[] {
    return this.byKey.get(key)?.snapshot() ?? [];
  }

  keep(keys: Iterable<number>): void {
    const wanted = new Set(keys);
    for (const key of this.byKey.keys()) if (!wanted.has(key)) this.byKey.delete(key);
  }
}
