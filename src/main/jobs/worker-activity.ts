/**
 * Progress per PID: which worker holds which job's item and how far it is, from the pool's
 * task:start, progress and task:end events of tasks tagged by jobs (`j<id>.<n>`).
 */
import type { PoolEvents } from '../pool/pool-events.js';
import type { WorkerInfo } from '../pool/pool-worker.js';
import type { PoolHolder } from './pool-holder.js';

export interface WorkerActivityRow {
  jobId: number;
  item?: string;
  itemDone?: number;
  itemTotal?: number;
}

export interface TagOwner {
  describe(tag: string, note: string | undefined): string | undefined;
}

/** The job id in a task's tag. */
export function jobOfTag(tag: string | undefined): number | undefined {
  if (!tag || tag.charCodeAt(0) !== 106 /* 'j' */) return undefined;
  const id = Number.parseInt(tag.slice(1), 10);
  return Number.isInteger(id) ? id : undefined;
}

export class WorkerActivity {
  private readonly byPid = new Map<number, WorkerActivityRow & { tag: string }>();

  constructor(pool: PoolHolder, owner: (jobId: number) => TagOwner | undefined) {
    pool.on('task:start', ({ pid, tag }: PoolEvents['task:start']) => {
      const jobId = jobOfTag(tag);
      if (jobId === undefined) return;
      const item = owner(jobId)?.describe(tag!, undefined);
      this.byPid.set(pid, { jobId, tag: tag!, ...(item !== undefined && { item }) });
    });
    pool.on('progress', ({ pid, tag, done, total, note }: PoolEvents['progress']) => {
      const row = this.byPid.get(pid);
      if (!row || row.tag !== tag) return;
      const item = owner(row.jobId)?.describe(tag, note);
      if (item !== undefined) row.item = item;
      row.itemDone = done;
      if (total !== undefined) row.itemTotal = total;
    });
    const forget = ({ pid }: { pid: number }) => this.byPid.delete(pid);
    pool.on('task:end', forget);
    pool.on('worker:exit', forget);
  }

  /**
   * What `worker` does for a job: only while the task the pool says it runs is the one the
   * row is about (a task taken back after it was announced starts again elsewhere, and its
   * old worker may hear nothing more until its next task).
   */
  of(worker: Pick<WorkerInfo, 'pid' | 'tag'>): WorkerActivityRow | undefined {
    const row = this.byPid.get(worker.pid);
    if (!row || row.tag !== worker.tag) return undefined;
    const { tag: _tag, ...rest } = row;
    return rest;
  }
}
