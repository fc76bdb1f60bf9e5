/**
 * On Linux the kernel SIGKILLs a worker the moment its parent dies (spawn-worker.ts), but the
 * worker alone: the processes it started would live on. So the worker starts a tiny shell in
 * its own process group, which outlives it to end the rest. The shell waits on a pipe only the
 * worker holds (Node opens every descriptor close-on-exec, so the worker's children do not
 * inherit it); when the pipe closes because the worker was killed (its parent's death, a
 * signal, a crash), the shell SIGKILLs its group, which is the worker's. A worker that exits
 * on its own ends the shell first, so what it started lives on, as it always has.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';

export function endGroupWhenKilled(): void {
  // Only in a group of its own: `kill 0` in the shell must never reach anybody else's group.
  if (!leadsOwnGroup()) return;
  const reaper = spawn('/bin/sh', ['-c', 'read line || kill -s KILL 0'], { stdio: ['pipe', 'ignore', 'ignore'] });
  const ignore = (): void => {
    // No shell to start, or it is gone: the worker still ends with its parent, only alone.
  };
  reaper.on('error', ignore);
  reaper.stdin!.on('error', ignore);
  // Neither the shell nor its pipe may keep a worker whose work is done alive.
  reaper.unref();
  (reaper.stdin as Socket).unref();
  process.on('exit', () => reaper.kill('SIGKILL'));
}

function leadsOwnGroup(): boolean {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // After the command name: state, ppid, pgrp.
    const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
    return pgrp === process.pid;
  } catch {
    return false;
  }
}
