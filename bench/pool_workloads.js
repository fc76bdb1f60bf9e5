// One run of the engine workloads in a fresh process; prints their times (ms) as one JSON object.
// bench/pool.js runs this beside bench/pool_peer.py (Python's multiprocessing) and compares.
import { fileURLToPath } from 'node:url';
import { Pool } from '../dist/main/index.js';

const tasks = fileURLToPath(new URL('./tasks.js', import.meta.url));
const workers = Number(process.argv[2] ?? 2);
const startOnly = process.argv[3] === 'start-only';
const ms = (start) => Math.round((performance.now() - start) * 10) / 10;
const out = {};

let t = performance.now();
const pool = new Pool({ processes: workers, module: tasks });
await pool.apply('square', [7]);
out.start_to_first_result = ms(t);
if (startOnly) {
  await pool.terminate();
  console.log(JSON.stringify(out));
  process.exit(0);
}

// The input is the caller's, not the pool's: both sides build their list before the clock starts.
const items = Array.from({ length: 200_000 }, (_, i) => i);
t = performance.now();
await pool.map('square', items);
out.map_200k = ms(t);

t = performance.now();
for (let i = 0; i < 2_000; i++) await pool.apply('square', [i]);
out.apply_2000_sequential = ms(t);

t = performance.now();
const results = [];
for (let i = 0; i < 20_000; i++) results.push(pool.applyAsync('square', [i]));
for (const r of results) await r.get();
out.apply_async_20k = ms(t);

t = performance.now();
function* range(n) {
  for (let i = 0; i < n; i++) yield i;
}
for await (const _ of pool.imap('square', range(20_000), { chunksize: 1 })) void _;
out.imap_20k_chunksize_1 = ms(t);

await pool.terminate();
console.log(JSON.stringify(out));
