// Queue and Value throughput against Python's multiprocessing (bench/sync_peer.py), run side by
// side; one JSON line per workload with both times and the ratio of rates (ours / Python's).
//   queue_child_to_parent: a child puts N small messages, the parent gets them (target >= 2).
//   value_lock_increments: two children each add 1 to a Value N times under its getLock().
// Start-up is not timed on either side: children report ready and wait for a go.
// Needs `npm run build` first. Usage: node bench/sync.js [QUEUE_N] [INCREMENTS_N]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Event, Process, Queue, Value } from '../dist/main/index.js';

const queueN = Number(process.argv[2] ?? 100_000);
const incrementsN = Number(process.argv[3] ?? 100_000);
const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const target = (name) => ({ module: here('./sync_tasks.js'), name });

async function queueWorkload() {
  const q = new Queue();
  const ready = new Queue();
  const go = new Event();
  const child = new Process({ target: target('produce'), args: [q, ready, go, queueN] });
  child.start();
  await ready.get();
  const start = performance.now();
  go.set();
  let last = -1;
  for (let i = 0; i < queueN; i++) last = await q.get();
  const ms = performance.now() - start;
  await child.join();
  if (last !== queueN - 1) throw new Error(`queue: last message ${last}, expected ${queueN - 1}`);
  return ms;
}

async function valueWorkload() {
  const counter = new Value('i', 0);
  const ready = new Queue();
  const go = new Event();
  const children = [0, 1].map(() => new Process({ target: target('increment'), args: [counter, ready, go, incrementsN] }));
  for (const child of children) child.start();
  for (const _ of children) await ready.get();
  const start = performance.now();
  go.set();
  for (const _ of children) await ready.get(); // 'done' from each
  const ms = performance.now() - start;
  for (const child of children) await child.join();
  const total = await counter.get();
  if (total !== 2 * incrementsN) throw new Error(`value: total ${total}, expected ${2 * incrementsN}`);
  return ms;
}

function python() {
  const run = spawnSync('python3', [here('./sync_peer.py'), String(queueN), String(incrementsN)], { encoding: 'utf8' });
  if (run.status !== 0) return { error: (run.stderr || run.error?.message || 'python3 failed').trim().split('\n').pop() };
  return JSON.parse(run.stdout.trim().split('\n').pop());
}

const round = (x) => Math.round(x * 10) / 10;
const ours = { queue_ms: await queueWorkload(), value_ms: await valueWorkload() };
const peer = python();

function line(workload, count, oursMs, peerMs) {
  return JSON.stringify({
    workload,
    count,
    procpool_ms: round(oursMs),
    python_ms: peerMs ?? null,
    procpool_per_s: Math.round((count / oursMs) * 1000),
    python_per_s: peerMs ? Math.round((count / peerMs) * 1000) : null,
    ratio: peerMs ? Math.round((peerMs / oursMs) * 100) / 100 : null,
    ...(peer.error ? { python_error: peer.error } : {}),
  });
}

console.log(line('queue_child_to_parent', queueN, ours.queue_ms, peer.queue_ms));
console.log(line('value_lock_increments', 2 * incrementsN, ours.value_ms, peer.value_ms));
