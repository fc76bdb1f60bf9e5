/**
 * The Workers view's data: one row per worker PID (state, the job item it holds and how
 * far, CPU % and RSS from /proc), in a stable order (oldest first) so rows stay put, and the
 * pool's totals.
 */
import type { WorkerRow, WorkersSnapshot } from '../../shared/api.js';
import type { PoolHolder } from '../jobs/pool-holder.js';
import type { WorkerActivity } from '../jobs/worker-activity.js';
import { rssBytes, type CpuMeter } from './proc-stats.js';

export function workersSnapshot(pool: PoolHolder, activity: WorkerActivity, cpu: CpuMeter): WorkersSnapshot {
  const infos = pool.isStarted ? pool.workers() : [];
  const workers: WorkerRow[] = infos
    .sort((a, b) => a.startedAt - b.startedAt || a.pid - b.pid)
    .map((info) => {
      const doing = activity.of(info);
      return {
        pid: info.pid,
        name: info.name,
        state: info.state,
        ...doing,
        cpuPercent: cpu.percent(info.pid),
        rssBytes: rssBytes(info.pid),
        startedAt: info.startedAt,
        tasksDone: info.tasksDone,
      };
    });
  cpu.keep(new Set(workers.map((worker) => worker.pid)));
  const sum = (pick: (row: WorkerRow) => number) => workers.reduce((total, row) => total + pick(row), 0);
  return {
    pool: { size: pool.processes, cpuPercent: Math.round(sum((row) => row.cpuPercent) * 10) / 10, rssBytes: sum((row) => row.rssBytes) },
    workers,
  };
}
