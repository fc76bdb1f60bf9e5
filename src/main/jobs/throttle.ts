/**
 * Calls `fn` at most once every `intervalMs` per key: the first call of a quiet period goes
 * at once, later ones are folded into one trailing call. `now(key)` skips the wait (a job
 * that changed status is told at once).
 */
export class Throttle<K> {
  private readonly last = new Map<K, number>();
  private readonly timers = new Map<K, NodeJS.Timeout>();

  constructor(
    private readonly intervalMs: number,
    private readonly fn: (key: K) => void,
  ) {}

  call(key: K): void {
    if (this.timers.has(key)) return;
    const wait = (this.last.get(key) ?? -Infinity) + this.intervalMs - performance.now();
    if (wait <= 0) return this.fire(key);
    this.timers.set(key, setTimeout(() => this.fire(key), wait).unref());
  }

  now(key: K): void {
    this.fire(key);
  }

  /** Forgets a key (a job that ended); a pending trailing call still goes. */
  flush(key: K): void {
    if (this.timers.has(key)) this.fire(key);
    this.last.delete(key);
  }

  cancelAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private fire(key: K): void {
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
    this.last.set(key, performance.now());
    this.fn(key);
  }
}
