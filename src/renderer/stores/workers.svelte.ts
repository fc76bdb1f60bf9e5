/** The Workers view's data: rows in stable order, and a CPU and memory history per PID and for the pool. */
import type { PoolStats, WorkerRow, WorkersSnapshot } from '../../shared/api.js';
import { KeyedHistory, RingHistory } from '../lib/ring-history.js';
import { WorkerSlots } from '../lib/worker-slots.js';

/** Samples kept for the pool's graphs, and for each worker's (shorter: the graphs are small). */
export const historyLength = 60;
export const rowHistory = 30;

export interface WorkerView extends WorkerRow {
  cpuHistory: number[];
  rssHistory: number[];
}

export class WorkersStore {
  rows = $state.raw<WorkerView[]>([]);
  pool = $state.raw<PoolStats>({ size: 0, cpuPercent: 0, rssBytes: 0 });
  poolCpu = $state.raw<number[]>([]);
  poolRss = $state.raw<number[]>([]);
  loaded = $state(false);

  private slots = new WorkerSlots();
  private cpu = new KeyedHistory(rowHistory);
  private rss = new KeyedHistory(rowHistory);
  private poolCpuRing = new RingHistory(historyLength);
  private poolRssRing = new RingHistory(historyLength);

  apply(snapshot: WorkersSnapshot): void {
    const byPid = new Map(snapshot.workers.map((w) => [w.pid, w]));
    const order = this.slots.update(snapshot.workers.map((w) => w.pid));
    for (const w of snapshot.workers) {
      this.cpu.add(w.pid, w.cpuPercent);
      this.rss.add(w.pid, w.rssBytes);
    }
    this.cpu.keep(byPid.keys());
    this.rss.keep(byPid.keys());
    this.poolCpuRing.add(snapshot.pool.cpuPercent);
    this.poolRssRing.add(snapshot.pool.rssBytes);
    this.rows = order.map((pid) => ({ ...byPid.get(pid)!, cpuHistory: this.cpu.get(pid), rssHistory: this.rss.get(pid) }));
    this.pool = snapshot.pool;
    this.poolCpu = this.poolCpuRing.snapshot();
    this.poolRss = this.poolRssRing.snapshot();
    this.loaded = true;
  }
}
