// imapUnordered over a 10-million-item generator: the parent's RSS must stay flat (< 200 MB).
import { fileURLToPath } from 'node:url';
import { Pool } from '../dist/main/index.js';

const tasks = fileURLToPath(new URL('./tasks.js', import.meta.url));
const items = Number(process.argv[2] ?? 10_000_000);
const chunksize = Number(process.argv[3] ?? 1000);
function* naturals(n) {
  for (let i = 0; i < n; i++) yield i;
}
const pool = new Pool({ processes: 2, module: tasks });
const started = performance.now();
let peak = 0;
let seen = 0;
for await (const _ of pool.imapUnordered('square', naturals(items), { chunksize })) {
  void _;
  if (++seen % 100_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
}
await pool.terminate();
const peakMb = Math.round(peak / 1e6);
console.log(JSON.stringify({ workload: `imapUnordered_${items}_items_chunksize_${chunksize}`, items: seen, seconds: Math.round((performance.now() - started) / 100) / 10, peak_rss_mb: peakMb, target_mb: 200, met: peakMb < 200 }));
