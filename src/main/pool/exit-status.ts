/**
 * Exit codes as Python reports them: the code for a normal exit, minus the signal number for
 * a process ended by a signal (-15 after SIGTERM, -9 after SIGKILL).
 */
import type { ChildProcess } from 'node:child_process';
import { constants } from 'node:os';

export function toExitcode(code: number | null, signal: NodeJS.Signals | null): number {
  if (signal) return -(constants.signals[signal] ?? 1);
  return code ?? 1;
}

/**
 * Sends a signal to a worker's whole process group (it leads its own: spawn-worker.ts starts
 * it detached), so that what it started ends too; failing that, to the worker alone. The one
 * way the pool signals a process. It refuses (false) what cannot be a worker's PID: none (its
 * start failed), or 1 and below, where kill(-1) reaches every process of the user, kill(0)
 * our own group and kill(1) init, or our own. A caller must also know that the worker has not
 * been reaped yet (signalChild): after that its PID may be another process's.
 */
export function signalGroup(pid: number | undefined, signal: NodeJS.Signals): boolean {
  if (pid === undefined || !Number.isSafeInteger(pid) || pid <= 1 || pid === process.pid) return false;
  try {
    return process.kill(-pid, signal);
  } catch {
    try {
      return process.kill(pid, signal);
    } catch {
      return false; // already gone: nothing to signal
    }
  }
}

/** signalGroup to a child of ours that has not been reaped yet (its PID is still its own). */
export function signalChild(child: ChildProcess, signal: NodeJS.Signals): boolean {
  return child.exitCode === null && child.signalCode === null && signalGroup(child.pid, signal);
}
