/**
 * kill -9 in the middle of a stream of writes: every write the writer saw acknowledged is in
 * the file afterwards, and the file is intact.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Manager } from '../../../src/main/index.js';

const writer = fileURLToPath(new URL('../../fixtures/state-writer.ts', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx');

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('durability', () => {
  it('keeps every acknowledged write across a kill -9 and leaves an intact file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'procpool-durable-'));
    const file = join(dir, 'state.db');
    const child = spawn(process.execPath, ['--import', tsx, writer, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acked = { dict: [] as number[], list: [] as number[] };
    let buffered = '';
    let killed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const [what, n] = line.split(' ');
        if (what === 'dict' || what === 'list') acked[what].push(Number(n));
      }
      // Mid-stream: well after the start, while writes are in flight.
      if (!killed && acked.dict.length >= 2000) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    const exit = await new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
    expect(exit).toBe('SIGKILL');
    expect(acked.dict.length).toBeGreaterThanOrEqual(2000);

    const manager = await Manager.start({ path: file });
    try {
      expect(manager.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const d = manager.dict<number[]>('acked');
      const stored = new Map((await d.entries()).map(([k, v]) => [k, v]));
      const missing = acked.dict.filter((n) => {
        const v = stored.get(`k${n}`);
        return !v || v[0] !== n || v[1] !== n * 2;
      });
      expect(missing).toEqual([]);
      const list = await manager.list<number>('stream').toArray();
      // The list holds at least every acknowledged append, in order (one more may have
      // committed after its line could be printed).
      expect(list.slice(0, acked.list.length)).toEqual(acked.list);
    } finally {
      await manager.shutdown();
    }
  });
});
