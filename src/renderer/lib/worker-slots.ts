/**
 * Keeps the Workers table still under the pointer: a row stays where it first appeared; a
 * worker that leaves frees its slot, and a newcomer in the same update takes the first free
 * slot (so a killed worker's replacement takes its row); slots nobody took are dropped.
 */
export class WorkerSlots {
  private order: number[] = [];

  /** The PIDs in display order, given the PIDs present now (in any order). */
  update(pids: readonly number[]): number[] {
    const present = new Set(pids);
    const slots: Array<number | undefined> = this.order.map((pid) => (present.has(pid) ? pid : undefined));
    const known = new Set(this.order);
    for (const pid of pids) {
      if (known.has(pid)) continue;
      const free = slots.indexOf(undefined);
      if (free >= 0) slots[free] = pid;
      else slots.push(pid);
    }
    this.order = slots.filter((pid): pid is number => pid !== undefined);
    return this.order;
  }
}
