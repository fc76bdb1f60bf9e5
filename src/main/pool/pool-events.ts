/** What a Pool tells its listeners, for the Workers view and the jobs layer. */
import type { WorkerInfo } from './pool-worker.js';

export interface PoolEvents {
  'worker:start': WorkerInfo;
  'worker:exit': { pid: number; name: string; exitcode: number; signal: NodeJS.Signals | null };
  /** `host`: set for a task that runs on another machine (a pool with a `bullmq` backend). */
  'task:start': { taskId: number; pid: number; host?: string; tag?: string };
  'task:end': { taskId: number; pid: number; host?: string; ok: boolean; error?: string; tag?: string };
  progress: { taskId: number; pid: number; host?: string; done: number; total?: number; note?: string; tag?: string };
}
