/**
 * kill -9 of the parent while a worker keeps writing under a manager lock (its writes travel
 * on leases): every value a task reported before the kill, the parent had committed when
 * the result arrived, so the file holds it afterwards.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Manager } from '../../../src/main/index.js';

const writer = fileURLToPath(new URL('../../fixtures/state-lease-writer.ts', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx');

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('durability of writes under a lease', () => {
  it('keeps every value a task reported before a kill -9 of the parent', async () => {
    dir = mkdtempSync(join(tmpdir(), 'procpool-lease-durable-'));
    const file = join(dir, 'state.db');
    const child = spawn(process.execPath, ['--import', tsx, writer, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acked = 0;
    let buffered = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) if (line.startsWith('acked ')) acked = Number(line.slice(6));
      if (acked >= 10_000 && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, s) => resolve(s)));
    expect(signal).toBe('SIGKILL');
    expect(acked).toBeGreaterThanOrEqual(10_000);

    const manager = await Manager.start({ path: file });
    try {
      expect(manager.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(await manager.dict<number>('leased').get('counter')).toBeGreaterThanOrEqual(acked);
    } finally {
      await manager.shutdown();
    }
  });
});
