// Copy jobs against `cp -a` and `rsync -a` on the same disk, in the same run. `procpool`
// is the real copy job through the jobs layer (what `procpool copy` and the app run: input
// check, scan in a worker, the plan and ledger in SQLite, batches over a warm Pool of 2,
// progress, folder times); `cli` is the whole `procpool copy` command, a cold process
// included; `verify` is the job with --verify. Rounds alternate between the tools so all
// see the same machine; medians are compared. Run after `npm run build`. Prints one JSON
// line per workload: the times, the ratio (ours / cp -a's) and the target. BENCH_DIR
// picks the disk (default: the system temp folder); BENCH_ROUNDS the rounds (default 5).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Jobs, PoolHolder } from '../dist/main/jobs/index.js';
import { openStore } from '../dist/main/state/index.js';

const bin = fileURLToPath(new URL('../bin/procpool.js', import.meta.url));

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const base = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'procpool-bench-copy-'));
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

/** A copy job through the jobs layer, start to Done. */
async function procpoolCopy(jobs, source, destination, verify) {
  const job = await jobs.submit({ kind: 'copy', source, destination, verify });
  const end = await jobs.wait(job.id);
  if (end.status !== 'done') throw new Error(`the copy job ended ${end.status}: ${end.message}`);
}

/** The `procpool copy` command, as a person runs it. */
function cliCopy(source, destination) {
  execFileSync(process.execPath, [bin, 'copy', source, destination, '--processes', '2', '--db', join(base, 'cli-state.db')], { stdio: 'ignore' });
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
const pool = new PoolHolder({ processes: 2 });
await pool.apply((x) => x, [0]);
const poolStartMs = performance.now() - startAt;
const store = openStore(join(base, 'state.db'));
const jobs = Jobs.open({ store, pool });

const workloads = [
  { workload: 'copy_5000_small_files', make: makeSmall, target: 1.0 },
  { workload: 'copy_4_files_of_96MB', make: makeLarge, target: 1.1 },
];
try {
  for (const { workload, make, target } of workloads) {
    const source = join(base, `${workload}-source`);
    make(source);
    const destination = join(base, `${workload}-copy`);
    const times = { procpool: [], cp: [], rsync: [], verify: [], cli: [] };
    const runs = {
      cp: () => execFileSync('cp', ['-a', source, destination]),
      procpool: () => procpoolCopy(jobs, source, destination, false),
      verify: () => procpoolCopy(jobs, source, destination, true),
      cli: () => cliCopy(source, destination),
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
        ratio_to_rsync: hasRsync ? Math.round((procpool_ms / median(times.rsync)) * 100) / 100 : null,
        target_ratio: target,
        met: ratio <= target,
        // The fastest run of each: the least disturbed by whatever else the machine does.
        procpool_min_ms: round(Math.min(...times.procpool)),
        cp_min_ms: round(Math.min(...times.cp)),
        cli_ms: round(median(times.cli)),
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
  await jobs.close();
  await pool.terminate();
  store.close();
  rmSync(base, { recursive: true, force: true });
}
