/**
 * Ends this worker, and the processes it started, within a fraction of a second of its parent
 * dying in any way (SIGKILL included). The watchdog runs on its own thread, so a task that
 * never yields to the event loop cannot keep an orphan alive.
 */
import { Worker } from 'node:worker_threads';

const checkEveryMs = 100;

// The thread's copy of endWithParent (it runs from source text, so it cannot import it).
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

/**
 * Ends this worker's process group: this worker and whatever it started. A worker leads its
 * own group (spawn-worker.ts starts it detached), so -pid is that group and no other: a group's
 * id is its leader's PID, which the kernel never hands out again while the group has members.
 * Not a leader, the kill finds no group and this process alone ends.
 */
export function endWithParent(): never {
  try {
    process.kill(-process.pid, 'SIGKILL');
  } catch {
    // Not a group leader: nothing of ours to end but this process.
  }
  process.kill(process.pid, 'SIGKILL');
  return process.exit(0);
}
