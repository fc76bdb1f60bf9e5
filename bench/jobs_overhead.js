// What keeping the books costs a copy job: 100,000 tiny files copied by the jobs layer (the
// path `procpool copy` takes), with the time its ledger writes (the plan, items marked as
// sent, outcomes in batches) and its progress (events in, throttled summaries out) took,
// as a share of the job's time. Target: well under 5%. One JSON line. Run after
// `npm run build`. BENCH_DIR picks the disk; BENCH_FILES the count (default 100000).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Jobs, PoolHolder } from '../dist/main/jobs/index.js';
import { openStore } from '../dist/main/state/index.js';

const files = Number(process.env.BENCH_FILES ?? 100_000);
const base = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'procpool-bench-overhead-'));
const source = join(base, 'source');
for (let i = 0; i < files; i++) {
  const folder = join(source, `folder-${i % 100}`);
  if (i < 100) mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `file-${i}.txt`), `tiny file ${i}\n`);
}
execFileSync('sync');

const store = openStore(join(base, 'state.db'));
const pool = new PoolHolder({ processes: 2 });
await pool.apply((x) => x, [0]);
const jobs = Jobs.open({ store, pool });
let events = 0;
jobs.on('job', () => events++);
try {
  const started = performance.now();
  const job = await jobs.submit({ kind: 'copy', source, destination: join(base, 'copy') });
  const end = await jobs.wait(job.id);
  const jobMs = performance.now() - started;
  const { ledgerMs, progressMs } = jobs.overhead(job.id);
  const share = (ledgerMs + progressMs) / jobMs;
  console.log(
    JSON.stringify({
      workload: `copy_${files}_tiny_files_bookkeeping`,
      status: end.status,
      items: end.itemsDone,
      job_ms: Math.round(jobMs),
      ledger_ms: Math.round(ledgerMs),
      progress_ms: Math.round(progressMs),
      share_percent: Math.round(share * 1000) / 10,
      target_percent: 5,
      met: share < 0.05,
      job_events: events,
      processes: 2,
      dir: base,
    }),
  );
} finally {
  await jobs.close();
  await pool.terminate();
  store.close();
  rmSync(base, { recursive: true, force: true });
}
