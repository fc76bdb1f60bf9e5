// The copy tasks alone, without the jobs layer: scan (a worker), plan and batches (this
// process), copyFiles batches and finishDirs on a warm Pool of 2, against `cp -a` (and
// `rsync -a` where installed) on the same disk, in the same run. bench/copy.js runs the
// whole copy job (ledger, progress, CLI); the difference between the two is the jobs
// layer's cost. Rounds alternate between the tools so all see the same machine; medians
// are compared. Run after `npm run build`. Prints one JSON line per workload: the times,
// the ratio (ours / cp -a's) and the target. BENCH_DIR picks the disk (default: the system
// temp folder); BENCH_ROUNDS the rounds (default 5).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from '../dist/main/index.js';
import { makeBatches } from '../dist/main/jobs/copy/make-batches.js';
import { planConflicts } from '../dist/main/jobs/copy/plan-conflicts.js';
import { compareCopies } from './copy-compare.js';

const task = (file, name) => ({ module: fileURLToPath(new URL(`../dist/workers/tasks/${file}`, import.meta.url)), name });
const scanTree = task('scan-tree.js', 'scanTree');
const copyFiles = task('copy-files.js', 'copyFiles');
const finishDirs = task('make-dirs.js', 'finishDirs');

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const base = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'procpool-bench-copy-tasks-'));

/** Scan, plan, copy in batches over the pool, finish folders: the copy job without its store. */
async function procpoolCopy(pool, source, destination, verify) {
  const scan = await pool.apply(scanTree, [source]);
  const plan = await planConflicts(scan.entries, destination, 'fail');
  const work = makeBatches(plan.entries, scan.base);
  const results = await Promise.all(work.batches.map((batch) => pool.apply(copyFiles, [batch, { verify }])));
  const failed = results.flat().filter((r) => !r.ok);
  if (failed.length > 0) throw new Error(`${failed.length} files failed, first: ${failed[0].error.message}`);
  await pool.apply(finishDirs, [[...work.dirs, { destination, ...scan.root }]]);
}

const startAt = performance.now();
const pool = new Pool({ processes: 2 });
await pool.apply(scanTree, [base]);
const poolStartMs = performance.now() - startAt;

try {
  await compareCopies({
    base,
    rounds,
    prefix: 'copy_tasks_',
    copy: (source, destination, verify) => procpoolCopy(pool, source, destination, verify),
    fields: { pool_start_ms: Math.round(poolStartMs * 10) / 10 },
  });
} finally {
  await pool.terminate();
  rmSync(base, { recursive: true, force: true });
}
