/**
 * A first-in first-out list with O(1) push and shift at any length: Array.shift on a queue
 * of 100,000 items would copy it each time. Used for the pool's task queue and for the
 * items of queues and pipes.
 */
export class Deque<T> {
  private items: Array<T | undefined> = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined; // let it be collected
    // Compact once the dead prefix is half the array, so memory stays proportional.
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  peek(): T | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  /** Puts items back at the front, in the given order. */
  unshiftAll(items: T[]): void {
    if (items.length === 0) return;
    this.items = [...items, ...this.items.slice(this.head)];
    this.head = 0;
  }

  remove(item: T): boolean {
    const index = this.items.indexOf(item, this.head);
    if (index === -1) return false;
    this.items.splice(index, 1);
    return true;
  }

  /** Empties the deque, returning what it held, first first. */
  drain(): T[] {
    const items = this.items.slice(this.head) as T[];
    this.clear();
    return items;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
