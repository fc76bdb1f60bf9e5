/**
 * Runs the command line's `main(argv)` in the test's process, from the TypeScript sources
 * (no build needed), collecting what it writes to stdout and stderr.
 */
import { vi } from 'vitest';
import { main } from '../../../src/main/cli/index.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function procpool(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const collect = (into: (text: string) => void) => (chunk: string | Uint8Array, ...rest: unknown[]) => {
    into(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(collect((text) => (stdout += text)));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(collect((text) => (stderr += text)));
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
