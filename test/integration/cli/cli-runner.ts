/**
 * Runs the built command line (bin/procpool.js → dist/, so `npm run build` first; `npm
 * test` does) as a user would, each run against its own state database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const bin = fileURLToPath(new URL('../../../bin/procpool.js', import.meta.url));
const built = fileURLToPath(new URL('../../../dist/main/cli/index.js', import.meta.url));

export interface CliRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** The JSON objects printed so far, one per stdout line. */
  json(): Array<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startCli(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): CliRun {
  if (!existsSync(built)) throw new Error(`${built} is missing: run 'npm run build' before these tests (npm test does)`);
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: options.cwd,
    env: { ...process.env, PROCPOOL_DB: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    json: () =>
      out
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    exited,
  };
}

export async function cli(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = startCli(args, options);
  const { code } = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/** Resolves once `check` holds for the output so far (checked as output arrives). */
export function outputUntil(run: CliRun, check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; stdout: ${run.stdout().slice(-500)} stderr: ${run.stderr()}`)), timeoutMs);
    const look = () => {
      if (!check()) return;
      clearTimeout(timer);
      run.child.stdout!.off('data', look);
      resolve();
    };
    run.child.stdout!.on('data', look);
    void run.exited.then(() => {
      if (check()) return;
      clearTimeout(timer);
      reject(new Error(`the command ended before ${what}; stdout: ${run.stdout().slice(-500)} stderr: ${run.stderr()}`));
    });
    look();
  });
}
