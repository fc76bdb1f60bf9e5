/** Shared by the tests: where the fixture task modules are, and small waiting helpers. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const tasks = fileURLToPath(new URL('./fixtures/tasks.ts', import.meta.url));

/**
 * Whether a process with this PID is running. A zombie (dead, not yet reaped by whoever
 * adopted it) counts as gone; signal 0 alone would still find it.
 */
export function pidAlive(pid: number): boolean {
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    try {
      process.kill(pid, 0);
      return !existsSync('/proc/self');
    } catch {
      return false;
    }
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

import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';

const tsx = createRequire(import.meta.url).resolve('tsx');

export const programs = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/programs/${name}`, import.meta.url));

/** Starts a TypeScript program in a separate Node process, its output collected. */
export function startProgram(
  path: string,
  args: string[] = [],
  env: Record<string, string> = {},
): { child: ChildProcess; output: () => string; stderr: () => string } {
  const child = spawn(process.execPath, ['--import', tsx, path, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { child, output: () => out, stderr: () => err };
}

/** Runs a program to its end: its exit code and everything it printed. */
export async function runProgram(path: string, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { child, output, stderr } = startProgram(path, args);
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  return { code, stdout: output(), stderr: stderr() };
}
