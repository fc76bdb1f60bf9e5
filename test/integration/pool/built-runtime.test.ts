// The worker runtime as `npm run build` ships it: one bundled file, loaded by the compiled
// Pool. A task's 'procpool/worker' is then a second copy of those modules; progress, the
// task's signal and currentProcess() must still reach the runtime's.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../helpers.js';

const dist = (path: string): string => fileURLToPath(new URL(`../../../dist/${path}`, import.meta.url));
const tasks = fileURLToPath(new URL('../../fixtures/built-worker-tasks.mjs', import.meta.url));
const built = existsSync(dist('workers/runtime.bundle.js'));

type DistPool = {
  apply<T>(fn: string, args: unknown[], callbacks?: unknown, options?: { signal?: AbortSignal }): Promise<T>;
  workers(): Array<{ pid: number }>;
  on(event: string, listener: (payload: { pid: number; taskId: number; done: number; total?: number }) => void): void;
  terminate(): Promise<void>;
};

let pool: DistPool | undefined;
afterEach(async () => {
  await pool?.terminate();
  pool = undefined;
});

async function distPool(): Promise<DistPool> {
  const { Pool } = (await import(dist('main/index.js'))) as { Pool: new (options: object) => DistPool };
  return new Pool({ processes: 1, module: tasks });
}

describe.skipIf(!built)('the bundled worker runtime (skipped until `npm run build` has made dist/)', () => {
  it('runs workers from the bundle', async () => {
    pool = await distPool();
    await pool.apply('stepsWithProgress', [1]);
    const [worker] = pool.workers();
    expect(readFileSync(`/proc/${worker!.pid}/cmdline`, 'utf8')).toContain('runtime.bundle.js');
  });

  it("a task's progress from procpool/worker arrives, the last report before the result", async () => {
    pool = await distPool();
    const reports: number[] = [];
    let resultSeen = false;
    pool.on('progress', ({ done }) => {
      expect(resultSeen).toBe(false);
      reports.push(done);
    });
    const who = await pool.apply<{ pid: number; name: string }>('stepsWithProgress', [5]);
    resultSeen = true;
    expect(reports.at(-1)).toBe(5);
    expect(who.pid).toBe(pool.workers()[0]!.pid);
    expect(who.name).toMatch(/^PoolWorker-\d+$/);
  });

  it("a task sees its cancellation through procpool/worker's signal", async () => {
    pool = await distPool();
    const seen = join(mkdtempSync(join(tmpdir(), 'procpool-built-')), 'aborted');
    const controller = new AbortController();
    const running = pool.apply<string>('untilAborted', [seen], undefined, { signal: controller.signal });
    running.catch(() => {});
    // Cancelled once it runs (a task cancelled while still queued never starts at all).
    await until(() => existsSync(`${seen}.started`), 10_000, 'the task to start');
    controller.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    // The file appears before its contents do: wait for both.
    await until(() => existsSync(seen) && readFileSync(seen, 'utf8') !== '', 3000, 'the task to see its signal aborted');
    expect(readFileSync(seen, 'utf8')).toContain('AbortError');
    rmSync(dirname(seen), { recursive: true, force: true });
  });
});
