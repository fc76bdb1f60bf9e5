/**
 * Who runs a job: a process, named by its PID and its start time. The start time tells a
 * live owner from a new process that happens to have been given a dead owner's PID, so a
 * job whose process died is recognised at the next start (and marked Interrupted) while a
 * job another live procpool runs is left alone.
 */
import { procStatFields } from './proc-stat.js';

export interface Owner {
  pid: number;
  /** Clock ticks since boot at which it started (/proc/PID/stat field 22); '' where unknown. */
  start: string;
}

export function processStart(pid: number): string | undefined {
  return procStatFields(pid)?.[19];
}

let self: Owner | undefined;

export function currentOwner(): Owner {
  self ??= { pid: process.pid, start: processStart(process.pid) ?? '' };
  return self;
}

export function isAlive(pid: number | null, start: string | null): boolean {
  if (pid === null) return false;
  const me = currentOwner();
  if (pid === me.pid) return start === me.start;
  if (process.platform === 'linux') {
    const actual = processStart(pid);
    return actual !== undefined && (start === null || start === '' || actual === start);
  }
  return processRuns(pid);
}

/** Whether a process with this pid runs (ours or anyone's; a zombie does not). */
export function processRuns(pid: number): boolean {
  if (process.platform === 'linux') return procStatFields(pid) !== undefined;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Waits until none of these processes runs any more: the workers of a dead owner, which exit
 * within a second of it. Our own children (a job paused and resumed in this process) are
 * not waited for unless `ownToo` (a worker the pool is killing); nor is anything where /proc
 * cannot tell a process's parent.
 */
export async function waitUntilGone(pids: readonly number[], timeoutMs = 3000, ownToo = false): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const waitedFor = (pid: number) => {
    const fields = procStatFields(pid);
    // Fields only for a process that runs (a zombie has none): ours are waited for only if asked.
    return fields !== undefined && (ownToo || Number(fields[1]) !== process.pid);
  };
  while (pids.some(waitedFor) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
