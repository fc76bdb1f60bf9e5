/** Shared by the tests: where the fixture task modules are, and small waiting helpers. */
import { fileURLToPath } from 'node:url';

export const tasks = fileURLToPath(new URL('./fixtures/tasks.ts', import.meta.url));

/** Whether a process with this PID exists (signal 0 checks without sending anything). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `check` until it is true or `timeoutMs` passes; for conditions no event announces. */
export async function until(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
