/** What a Pool tells its listeners, for the Workers view and the jobs layer. */
import type { WorkerInfo } from './pool-worker.js';

export interface PoolEvents {
  'worker:start': WorkerInfo;
  'worker:exit': { pid: number; name: string; exitcode: number; signal: NodeJS.Signals | null };
  'task:start': { taskId: number; pid: number; tag?: string };
  'task:end': { taskId: number; pid: number; ok: boolean; error?: string; tag?: string };
  progress: { taskId: number; pid: number; done: number; total?: number; note?: string; tag?: string };
}
