/**
 * Exit codes as Python reports them: the code for a normal exit, minus the signal number for
 * a process ended by a signal (-15 after SIGTERM, -9 after SIGKILL).
 */
import { constants } from 'node:os';

export function toExitcode(code: number | null, signal: NodeJS.Signals | null): number {
  if (signal) return -(constants.signals[signal] ?? 1);
  return code ?? 1;
}

/** Sends a signal to a worker's whole process group, falling back to the worker alone. */
export function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone: nothing to signal.
    }
  }
}
