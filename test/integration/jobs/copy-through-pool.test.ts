import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Pool, type PoolEvents } from '../../../src/main/index.js';
import type { CopyItem, CopyItemResult, DirFinish, ScanResult } from '../../../src/shared/copy-types.js';
import { makeBatches } from '../../../src/main/jobs/copy/make-batches.js';
import { planConflicts } from '../../../src/main/jobs/copy/plan-conflicts.js';
import { until } from '../../helpers.js';
import {
  buildSampleTree,
  copyFilesTask,
  copyFileTask,
  countPrimesTask,
  differences,
  jobsTasks,
  makeDirsTask,
  patterned,
  removeTree,
  scanTreeTask,
  scratch,
  snapshot,
  tempFilesUnder,
} from '../../fixtures/jobs-tree.js';

let pool: Pool | undefined;
let root: string;
beforeEach(() => {
  root = scratch();
});
afterEach(async () => {
  await pool?.terminate();
  pool = undefined;
  removeTree(root);
});

const copyFileRef = { module: copyFileTask, name: 'copyFile' };
const faultTasks = fileURLToPath(new URL('./copy-fault-tasks.ts', import.meta.url));

/** What the jobs layer will do, minus the store: scan, plan, copy in batches, finish folders. */
async function copyTree(p: Pool, source: string, destination: string, policy: 'fail' | 'skip' | 'overwrite' | 'rename'): Promise<CopyItemResult[]> {
  const scan = await p.apply<ScanResult>({ module: scanTreeTask, name: 'scanTree' }, [source]);
  const plan = await planConflicts(scan.entries, destination, policy);
  const work = makeBatches(plan.entries, scan.base, { maxFiles: 4 });
  const batches = await Promise.all(work.batches.map((batch) => p.apply<CopyItemResult[]>({ module: copyFilesTask, name: 'copyFiles' }, [batch])));
  const dirs: DirFinish[] = [...work.dirs, { destination, ...scan.root }];
  await p.apply({ module: makeDirsTask, name: 'finishDirs' }, [dirs]);
  return batches.flat();
}

describe('copy tasks on a real pool', () => {
  it('copies a tree across two workers so that it is identical to the source', async () => {
    pool = new Pool({ processes: 2 });
    const source = join(root, 'source');
    mkdirSync(source);
    buildSampleTree(source);
    // Work goes to ready workers only: with both up, the batches are shared between them.
    await until(() => pool!.workers().every((w) => w.state === 'idle'));
    const pids = new Set<number>();
    pool.on('task:start', (event: PoolEvents['task:start']) => pids.add(event.pid));
    const results = await copyTree(pool, source, join(root, 'copy'), 'fail');
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(differences(snapshot(source), snapshot(join(root, 'copy')))).toEqual([]);
    expect(tempFilesUnder(join(root, 'copy'))).toEqual([]);
    expect(pids.size).toBe(2);
  });

  it('applies each conflict policy to a populated destination', async () => {
    pool = new Pool({ processes: 2 });
    const source = join(root, 'source');
    mkdirSync(join(source, 'sub'), { recursive: true });
    writeFileSync(join(source, 'same.txt'), 'new');
    writeFileSync(join(source, 'sub/also.txt'), 'new');
    const seed = (name: string): string => {
      const destination = join(root, name);
      mkdirSync(join(destination, 'sub'), { recursive: true });
      writeFileSync(join(destination, 'same.txt'), 'old');
      writeFileSync(join(destination, 'sub/also.txt'), 'old');
      return destination;
    };
    const skipped = seed('skip');
    await copyTree(pool, source, skipped, 'skip');
    expect(readFileSync(join(skipped, 'same.txt'), 'utf8')).toBe('old');
    const overwritten = seed('overwrite');
    await copyTree(pool, source, overwritten, 'overwrite');
    expect(readFileSync(join(overwritten, 'sub/also.txt'), 'utf8')).toBe('new');
    const renamed = seed('rename');
    await copyTree(pool, source, renamed, 'rename');
    expect(readdirSync(join(renamed, 'sub')).sort()).toEqual(['also (1).txt', 'also.txt']);
    expect(readFileSync(join(renamed, 'same (1).txt'), 'utf8')).toBe('new');
    expect(readFileSync(join(renamed, 'same.txt'), 'utf8')).toBe('old');
  });

  it("sends a large file's progress to the pool's 'progress' event, rising to its size", async () => {
    pool = new Pool({ processes: 1 });
    const size = 48 * 1024 * 1024 + 3;
    writeFileSync(join(root, 'large.bin'), patterned(size));
    const events: PoolEvents['progress'][] = [];
    pool.on('progress', (event: PoolEvents['progress']) => events.push(event));
    const result = await pool.apply<{ bytes: number }>(copyFileRef, [{ source: join(root, 'large.bin'), destination: join(root, 'large.copy') }]);
    expect(result.bytes).toBe(size);
    // The final report is sent at once, but may land just after the result: wait for it.
    await until(() => events.at(-1)?.done === size, 5000, 'the final progress event');
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events.every((event) => event.total === size && event.pid > 0)).toBe(true);
    for (let i = 1; i < events.length; i++) expect(events[i]!.done).toBeGreaterThan(events[i - 1]!.done);
  });

  it('cancelled mid-copy, the worker stops and leaves no temporary file and no destination', async () => {
    // The copy waits after its first chunk until the cancel comes: a 96 MB file copied by a
    // worker while a loaded parent was slow to answer its first progress report was done
    // (renamed into place) before the cancel reached it, and no temporary file ever went.
    pool = new Pool({ processes: 1, graceMs: 20_000 });
    writeFileSync(join(root, 'large.bin'), patterned(8 * 1024 * 1024));
    const out = join(root, 'out');
    mkdirSync(out);
    const controller = new AbortController();
    pool.on('progress', () => controller.abort());
    const exits: number[] = [];
    pool.on('worker:exit', (event: PoolEvents['worker:exit']) => exits.push(event.pid));
    const copying = pool.apply({ module: faultTasks, name: 'copyFileHeldMidway' }, [{ source: join(root, 'large.bin'), destination: join(out, 'large.bin') }], undefined, {
      signal: controller.signal,
    });
    await expect(copying).rejects.toMatchObject({ name: 'AbortError' });
    // The caller is told at once; the worker is done with the task once it has cleaned up.
    await until(() => pool!.workers()[0]?.state === 'idle', 20_000, 'the worker to let go of the cancelled copy');
    expect(readdirSync(out)).toEqual([]);
    // It stopped by itself: it was not killed for ignoring the cancel, and it is free for work again.
    expect(await pool.apply({ module: countPrimesTask, name: 'countPrimes' }, [[0, 10]])).toBe(4);
    expect(exits).toEqual([]);
  });

  it('verify catches a copy corrupted in the worker, and nothing is kept', async () => {
    pool = new Pool({ processes: 1 });
    writeFileSync(join(root, 'f.bin'), patterned(1000));
    const out = join(root, 'out');
    mkdirSync(out);
    const copying = pool.apply({ module: jobsTasks, name: 'copyFileCorrupted' }, [{ source: join(root, 'f.bin'), destination: join(out, 'f.bin') }]);
    await expect(copying).rejects.toMatchObject({ name: 'CopyError', code: 'EVERIFY', message: expect.stringContaining('verification failed') as string });
    expect(readdirSync(out)).toEqual([]);
  });

  it('counts primes over ranges on every worker', async () => {
    pool = new Pool({ processes: 2 });
    const ranges: [number, number][] = Array.from({ length: 10 }, (_, i) => [i * 100_000, (i + 1) * 100_000]);
    const counts = await pool.map<number>({ module: countPrimesTask, name: 'countPrimes' }, ranges);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(78_498);
  });

  it('a long prime count reports progress and stops promptly when cancelled', async () => {
    pool = new Pool({ processes: 1 });
    const controller = new AbortController();
    const seen: PoolEvents['progress'][] = [];
    pool.on('progress', (event: PoolEvents['progress']) => {
      seen.push(event);
      controller.abort();
    });
    const exits: number[] = [];
    pool.on('worker:exit', (event: PoolEvents['worker:exit']) => exits.push(event.pid));
    const counting = pool.apply({ module: countPrimesTask, name: 'countPrimes' }, [[0, 2_000_000_000]], undefined, { signal: controller.signal });
    await expect(counting).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen[0]).toMatchObject({ total: 2_000_000_000 });
    // It stopped by itself (no SIGKILL after the grace period): the same worker answers next.
    expect(await pool.apply({ module: countPrimesTask, name: 'countPrimes' }, [[0, 10]])).toBe(4);
    expect(exits).toEqual([]);
  });

  it('a batch with a bad item reports it and copies the rest', async () => {
    pool = new Pool({ processes: 1 });
    writeFileSync(join(root, 'ok'), 'ok');
    const batch: CopyItem[] = [
      { type: 'file', source: join(root, 'missing'), destination: join(root, 'out/missing'), size: 1 },
      { type: 'file', source: join(root, 'ok'), destination: join(root, 'out/ok'), size: 2 },
    ];
    const results = await pool.apply<CopyItemResult[]>({ module: copyFilesTask, name: 'copyFiles' }, [batch]);
    expect(results.map((r) => r.ok)).toEqual([false, true]);
    expect(results[0]).toMatchObject({ error: { code: 'ENOENT', message: expect.stringContaining(join(root, 'missing')) as string } });
  });
});
