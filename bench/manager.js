// Manager dict under a manager lock: two pool processes each do N increments of one key.
// Runs Python's multiprocessing Manager (bench/manager_peer.py) in the same run and prints one
// JSON line with both times and the ratio of rates. Needs `npm run build` first.
// Usage: node bench/manager.js [N]   (env PROCPOOL_BENCH_DB=memory for an in-memory store)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Manager, Pool } from '../dist/main/index.js';

const n = Number(process.argv[2] ?? 2000);
const here = (file) => fileURLToPath(new URL(file, import.meta.url));

async function procpool() {
  const dir = mkdtempSync(join(tmpdir(), 'procpool-bench-'));
  const inMemory = process.env.PROCPOOL_BENCH_DB === 'memory';
  const manager = await Manager.start(inMemory ? {} : { path: join(dir, 'state.db') });
  const pool = new Pool({ processes: 2, module: here('./manager_tasks.js') });
  try {
    const d = manager.dict('bench');
    await d.set('counter', 0);
    const lock = manager.lock('bench-lock');
    // Warm: both workers up, each proxy already known to the workers.
    const pids = new Set();
    while (pids.size < 2) for (const pid of await pool.starmap('ready', [[d, lock], [d, lock], [d, lock], [d, lock]], { chunksize: 1 })) pids.add(pid);
    const start = performance.now();
    await Promise.all([pool.apply('increment', [d, lock, n]), pool.apply('increment', [d, lock, n])]);
    const ms = performance.now() - start;
    return { ms, total: await d.get('counter'), store: inMemory ? 'memory' : 'file' };
  } finally {
    await pool.terminate();
    await manager.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}

function python() {
  const run = spawnSync('python3', [here('./manager_peer.py'), String(n)], { encoding: 'utf8' });
  if (run.status !== 0) return { error: (run.stderr || run.error?.message || 'python3 failed').trim().split('\n').pop() };
  return JSON.parse(run.stdout.trim().split('\n').pop());
}

const ours = await procpool();
const peer = python();
const round = (x) => Math.round(x * 10) / 10;
console.log(
  JSON.stringify({
    workload: 'manager_dict_lock_increments',
    processes: 2,
    increments_per_process: n,
    procpool_ms: round(ours.ms),
    procpool_total: ours.total,
    procpool_store: ours.store,
    python_ms: peer.ms ?? null,
    python_total: peer.total ?? null,
    // Rate ratio: how many times Python's increments per second procpool achieves (target >= 4).
    ratio: peer.ms ? round(peer.ms / ours.ms) : null,
    ...(peer.error ? { python_error: peer.error } : {}),
  }),
);
