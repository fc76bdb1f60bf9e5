// Copy jobs against `cp -a` and `rsync -a` on the same disk, in the same run. `procpool`
// is the real copy job through the jobs layer (what `procpool copy` and the app run: input
// check, scan in a worker, the plan and ledger in SQLite, batches over a warm Pool of 2,
// progress, folder times); `cli` is the whole `procpool copy` command, a cold process
// included; `verify` is the job with --verify. Rounds alternate between the tools so all
// see the same machine; medians are compared. Run after `npm run build`. Prints one JSON
// line per workload: the times, the ratio (ours / cp -a's) and the target. BENCH_DIR
// picks the disk (default: the system temp folder); BENCH_ROUNDS the rounds (default 5).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Jobs, PoolHolder } from '../dist/main/jobs/index.js';
import { openStore } from '../dist/main/state/index.js';
import { compareCopies } from './copy-compare.js';

const bin = fileURLToPath(new URL('../bin/procpool.js', import.meta.url));

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const base = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'procpool-bench-copy-'));

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

const startAt = performance.now();
const pool = new PoolHolder({ processes: 2 });
await pool.apply((x) => x, [0]);
const poolStartMs = performance.now() - startAt;
const store = openStore(join(base, 'state.db'));
const jobs = Jobs.open({ store, pool });

try {
  await compareCopies({
    base,
    rounds,
    prefix: 'copy_',
    copy: (source, destination, verify) => procpoolCopy(jobs, source, destination, verify),
    extra: { cli: cliCopy },
    fields: { pool_start_ms: Math.round(poolStartMs * 10) / 10 },
  });
} finally {
  await jobs.close();
  await pool.terminate();
  store.close();
  rmSync(base, { recursive: true, force: true });
}
