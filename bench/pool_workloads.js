// One run of the engine workloads in a fresh process; prints their times (ms) as one JSON object.
// bench/pool.js runs this beside bench/pool_peer.py (Python's multiprocessing) and compares.
// The throughput workloads run `repeats` times in turn on the same pool: the first time is the
// cold one (a fresh process: Node's JIT and heap still growing), the later ones the steady state.
import { fileURLToPath } from 'node:url';
import { Pool } from '../dist/main/index.js';

const tasks = fileURLToPath(new URL('./tasks.js', import.meta.url));
const workers = Number(process.argv[2] ?? 2);
const repeats = process.argv[3] === 'start-only' ? 0 : Number(process.argv[3] ?? 5);
const ms = (start) => Math.round((performance.now() - start) * 10) / 10;

let t = performance.now();
const pool = new Pool({ processes: workers, module: tasks });
await pool.apply('square', [7]);
const out = { start_to_first_result: ms(t) };

function* range(n) {
  for (let i = 0; i < n; i++) yield i;
}
const workloads = {
  async map_200k(items) {
    await pool.map('square', items);
  },
  async apply_2000_sequential() {
    for (let i = 0; i < 2_000; i++) await pool.apply('square', [i]);
  },
  async apply_async_20k() {
    const results = [];
    for (let i = 0; i < 20_000; i++) results.push(pool.applyAsync('square', [i]));
    for (const r of results) await r.get();
  },
  async imap_20k_chunksize_1() {
    for await (const _ of pool.imap('square', range(20_000), { chunksize: 1 })) void _;
  },
};
for (let repeat = 0; repeat < repeats; repeat++) {
  for (const [name, run] of Object.entries(workloads)) {
    // The input is the caller's, not the pool's: both sides build their list before the clock starts.
    const items = name === 'map_200k' ? Array.from({ length: 200_000 }, (_, i) => i) : undefined;
    t = performance.now();
    await run(items);
    (out[name] ??= []).push(ms(t));
  }
}

await pool.terminate();
console.log(JSON.stringify(out));
