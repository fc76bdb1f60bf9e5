import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const program = fileURLToPath(new URL('./spawn-failure-program.ts', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx');

interface Seen {
  name: string;
  message: string;
  triesUntilFailure: number;
  recovered: number;
  refused: number[];
  held: number;
}

/** Runs the program under a limit low enough that it can take every descriptor there is. */
async function runUnderLowLimit(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('/bin/sh', ['-c', 'ulimit -n 256 && exec "$0" --import "$1" "$2"', process.execPath, tsx, program], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}

describe('a worker that cannot start', () => {
  it('is a clear error, never a signal to another process, and the pool starts one once it can (EMFILE)', async () => {
    const { code, stdout, stderr } = await runUnderLowLimit();
    expect(code, stderr).toBe(0);
    const seen = JSON.parse(stdout) as Seen;
    expect(seen.held).toBeGreaterThan(0);
    expect(seen.name).toBe('WorkerExitedError');
    expect(seen.message).toContain('spawn failed: EMFILE: too many open files');
    // No process.kill but to a worker the program saw start: none to pid -1, 0 or 1.
    expect(seen.refused).toEqual([]);
    // It tried again after pauses, not in a loop, before it gave up on the task.
    expect(seen.triesUntilFailure).toBeGreaterThanOrEqual(2);
    expect(seen.triesUntilFailure).toBeLessThanOrEqual(4);
    expect(seen.recovered).toBe(9);
  });
});
