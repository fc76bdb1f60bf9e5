/**
 * Ends this worker, and the processes it started, within a fraction of a second of its parent
 * dying in any way (SIGKILL included). It runs on its own thread, so a task that never
 * yields to the event loop cannot keep an orphan alive.
 */
import { Worker } from 'node:worker_threads';

const checkEveryMs = 100;

const watchdogSource = `
const { workerData } = require('node:worker_threads');
setInterval(() => {
  if (process.ppid === workerData.parentPid) return;
  try { process.kill(-process.pid, 'SIGKILL'); } catch {}
  process.kill(process.pid, 'SIGKILL');
}, ${checkEveryMs});
`;

export function exitWhenOrphaned(parentPid: number): void {
  const watchdog = new Worker(watchdogSource, { eval: true, workerData: { parentPid } });
  watchdog.unref();
}
