// The copy tasks alone, without the jobs layer: scan (a worker), plan and batches (this
// process), copyFiles batches and finishDirs on a warm Pool of 2, against `cp -a` (and
// `rsync -a` where installed) on the same disk, in the same run. bench/copy.js runs the
// whole copy job (ledger, progress, CLI); the difference between the two is the jobs
// layer's cost. Rounds alternate between the tools so all see the same machine; medians
// are compared. Run after `npm run build`. Prints one JSON line per workload: the times,
// the ratio (ours / cp -a's) and the target. BENCH_DIR picks the disk (default: the system
// temp folder); BENCH_ROUNDS the rounds (default 5).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from '../dist/main/index.js';
import { makeBatches } from '../dist/main/jobs/copy/make-batches.js';
import { planConflicts } from '../dist/main/jobs/copy/plan-conflicts.js';

const task = (file, name) => ({ module: fileURLToPath(new URL(`../dist/workers/tasks/${file}`, import.meta.url)), name });
const scanTree = task('scan-tree.js', 'scanTree');
const copyFiles = task('copy-files.js', 'copyFiles');
const finishDirs = task('make-dirs.js', 'finishDirs');

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const base = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'procpool-bench-copy-tasks-'));
const hasRsync = spawnSync('rsync', ['--version']).status === 0;

// 5,000 files of 1–17 KB in 50 folders; 4 files of 96 MB. Contents from a fixed seed.
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
function makeSmall(root) {
  for (let d = 0; d < 50; d++) {
    mkdirSync(join(root, `folder-${d}`), { recursive: true });
    for (let f = 0; f < 100; f++) {
      const size = 1024 + Math.floor(random() * 16 * 1024);
      writeFileSync(join(root, `folder-${d}`, `file-${f}.bin`), Buffer.alloc(size, (d * 100 + f) & 0xff));
    }
  }
}
function makeLarge(root) {
  mkdirSync(root, { recursive: true });
  const chunk = Buffer.alloc(1 << 20);
  for (let i = 0; i < 4; i++) {
    const parts = [];
    for (let m = 0; m < 96; m++) parts.push(chunk.fill((i * 96 + m) & 0xff));
    writeFileSync(join(root, `large-${i}.bin`), Buffer.concat(parts));
  }
}

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

const time = async (run) => {
  const start = performance.now();
  await run();
  return performance.now() - start;
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (ms) => Math.round(ms * 10) / 10;
// Each run starts from the same state: no dirty pages of the last run still being written.
const settle = (path) => {
  rmSync(path, { recursive: true, force: true });
  execFileSync('sync');
};

const startAt = performance.now();
const pool = new Pool({ processes: 2 });
await pool.apply(scanTree, [base]);
const poolStartMs = performance.now() - startAt;

const workloads = [
  { workload: 'copy_tasks_5000_small_files', make: makeSmall, target: 1.0 },
  { workload: 'copy_tasks_4_files_of_96MB', make: makeLarge, target: 1.1 },
];
try {
  for (const { workload, make, target } of workloads) {
    const source = join(base, `${workload}-source`);
    make(source);
    const destination = join(base, `${workload}-copy`);
    const times = { procpool: [], cp: [], rsync: [], verify: [] };
    const runs = {
      cp: () => execFileSync('cp', ['-a', source, destination]),
      procpool: () => procpoolCopy(pool, source, destination, false),
      verify: () => procpoolCopy(pool, source, destination, true),
      ...(hasRsync && { rsync: () => execFileSync('rsync', ['-a', `${source}/`, destination]) }),
    };
    const order = Object.keys(runs);
    for (let r = 0; r < rounds; r++) {
      // Each round starts with the next tool, so none always runs right after another's deletes.
      for (let i = 0; i < order.length; i++) {
        const tool = order[(r + i) % order.length];
        settle(destination);
        times[tool].push(await time(runs[tool]));
      }
    }
    settle(destination);
    rmSync(source, { recursive: true, force: true });
    const procpool_ms = round(median(times.procpool));
    const cp_ms = round(median(times.cp));
    const ratio = Math.round((procpool_ms / cp_ms) * 100) / 100;
    console.log(
      JSON.stringify({
        workload,
        procpool_ms,
        cp_ms,
        rsync_ms: hasRsync ? round(median(times.rsync)) : null,
        ratio,
        target_ratio: target,
        met: ratio <= target,
        // The fastest run of each: the least disturbed by whatever else the machine does.
        procpool_min_ms: round(Math.min(...times.procpool)),
        cp_min_ms: round(Math.min(...times.cp)),
        verify_ms: round(median(times.verify)),
        verify_ratio: Math.round((median(times.verify) / median(times.procpool)) * 100) / 100,
        procpool_runs_ms: times.procpool.map(round),
        cp_runs_ms: times.cp.map(round),
        pool_start_ms: round(poolStartMs),
        processes: 2,
        rounds,
        dir: base,
      }),
    );
  }
} finally {
  await pool.terminate();
  rmSync(base, { recursive: true, force: true });
}
