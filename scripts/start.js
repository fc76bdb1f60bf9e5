// `npm start`: until the desktop app lands, a short live demo of the pool on this machine.
import { availableParallelism } from 'node:os';
import { Pool } from '../dist/main/index.js';

const processes = availableParallelism();
const pool = new Pool({ processes });
pool.on('worker:start', (w) => console.log(`worker ${w.name} started, pid ${w.pid}`));

const countPrimes = ([start, end]) => {
  let count = 0;
  for (let n = Math.max(2, start); n < end; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) { prime = false; break; }
    if (prime) count++;
  }
  return count;
};

const ranges = Array.from({ length: 16 }, (_, i) => [i * 250_000, (i + 1) * 250_000]);
console.log(`Procpool demo: counting primes below 4,000,000 in 16 ranges on ${processes} worker processes (parent pid ${process.pid})`);
const started = performance.now();
let done = 0;
let total = 0;
for await (const count of pool.imapUnordered(countPrimes, ranges)) {
  total += count;
  done++;
  const busy = pool.workers().filter((w) => w.state === 'busy').map((w) => w.pid);
  console.log(`  ${String(done).padStart(2)}/16 ranges done, ${total} primes so far; busy pids: ${busy.join(', ') || 'none'}`);
}
console.log(`${total} primes in ${Math.round(performance.now() - started)} ms`);
await pool.terminate();
