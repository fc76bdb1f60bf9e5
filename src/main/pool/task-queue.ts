/**
 * A FIFO of tasks with O(1) push, shift and unshift. Array.prototype.shift is O(n) on large
 * arrays, and a pool may hold a hundred thousand queued tasks.
 */
import type { Task } from './task.js';

export class TaskQueue {
  private items: Array<Task | undefined> = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(task: Task): void {
    this.items.push(task);
  }

  peek(): Task | undefined {
    return this.items[this.head];
  }

  shift(): Task | undefined {
    if (this.head >= this.items.length) return undefined;
    const task = this.items[this.head];
    this.items[this.head++] = undefined;
    // Reclaim the consumed front once it is most of the array.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return task;
  }

  /** Puts tasks back at the front, in the given order (a dead worker's unfinished tasks). */
  unshiftAll(tasks: Task[]): void {
    if (tasks.length === 0) return;
    this.items = [...tasks, ...this.items.slice(this.head)];
    this.head = 0;
  }

  remove(task: Task): boolean {
    const index = this.items.indexOf(task, this.head);
    if (index === -1) return false;
    this.items.splice(index, 1);
    return true;
  }

  /** Empties the queue, returning what it held. */
  drain(): Task[] {
    const tasks = this.items.slice(this.head) as Task[];
    this.items = [];
    this.head = 0;
    return tasks;
  }
}
