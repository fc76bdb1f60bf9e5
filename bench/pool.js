// The engine against Python's multiprocessing, both with 2 workers, in the same run.
// Rounds alternate between the two so that both see the same machine; medians are compared.
// Prints one JSON line per workload: both times, the ratio (ours / Python's) and the target.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = (name) => fileURLToPath(new URL(name, import.meta.url));
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const workers = '2';
// Throughput: at most half of Python's time. Start: at most twice (Node must boot, Python forks).
const targets = { start_to_first_result: 2, map_200k: 0.5, apply_2000_sequential: 0.5, apply_async_20k: 0.5, imap_20k_chunksize_1: 0.5 };

// Where NODE_EXTRA_CA_CERTS is set (as on this project's VM), every Node boot, each worker's
// included, reads and parses that CA file: start is measured once more without it.
const { NODE_EXTRA_CA_CERTS: extraCaCerts, ...envWithoutExtraCa } = process.env;

const ours = [];
const oursWithoutExtraCa = [];
const python = [];
const floor = [];
for (let round = 0; round < rounds; round++) {
  ours.push(JSON.parse(execFileSync(process.execPath, [here('./pool_workloads.js'), workers], { encoding: 'utf8' })));
  if (extraCaCerts) {
    const run = execFileSync(process.execPath, [here('./pool_workloads.js'), workers, 'start-only'], { encoding: 'utf8', env: envWithoutExtraCa });
    oursWithoutExtraCa.push(JSON.parse(run));
  }
  python.push(JSON.parse(execFileSync('python3', [here('./pool_peer.py'), workers], { encoding: 'utf8' })));
  floor.push(JSON.parse(execFileSync(process.execPath, [here('./node_floor.js')], { encoding: 'utf8' })));
}
const median = (runs, key) => {
  const sorted = runs.map((r) => r[key]).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
for (const [workload, target] of Object.entries(targets)) {
  const procpool_ms = median(ours, workload);
  const python_ms = median(python, workload);
  const ratio = Math.round((procpool_ms / python_ms) * 100) / 100;
  console.log(JSON.stringify({ workload, procpool_ms, python_ms, ratio, target_ratio: target, met: ratio <= target, rounds }));
}
if (extraCaCerts) {
  const procpool_ms = median(oursWithoutExtraCa, 'start_to_first_result');
  const python_ms = median(python, 'start_to_first_result');
  const ratio = Math.round((procpool_ms / python_ms) * 100) / 100;
  const workload = 'start_to_first_result_without_NODE_EXTRA_CA_CERTS';
  console.log(JSON.stringify({ workload, procpool_ms, python_ms, ratio, target_ratio: targets.start_to_first_result, met: ratio <= targets.start_to_first_result, rounds }));
}
// Node's own floor in the same rounds: under start-up, a bare boot; under sequential apply, bare IPC round trips.
const nodeFloor = { node_boot_ms: median(floor, 'node_boot'), ipc_2000_round_trips_ms: median(floor, 'ipc_2000_round_trips') };
if (extraCaCerts) nodeFloor.node_boot_without_extra_ca_certs_ms = median(floor, 'node_boot_without_extra_ca_certs');
console.log(JSON.stringify({ workload: 'node_floor', ...nodeFloor, rounds }));
// The machine's floor under sequential apply: a byte's round trip between two processes on one CPU and across two.
const osFloor = JSON.parse(execFileSync('python3', [here('./os_floor.py')], { encoding: 'utf8' }));
console.log(JSON.stringify({ workload: 'os_floor', ...osFloor }));
