// The engine against Python's multiprocessing, both with 2 workers, in the same run.
// Rounds alternate between the two so that both see the same machine; medians are compared.
// Prints one JSON line per workload: both times, the ratio (ours / Python's) and the target.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = (name) => fileURLToPath(new URL(name, import.meta.url));
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const workers = '2';
const repeats = String(process.env.BENCH_REPEATS ?? 5);
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
  ours.push(JSON.parse(execFileSync(process.execPath, [here('./pool_workloads.js'), workers, repeats], { encoding: 'utf8' })));
  if (extraCaCerts) {
    const run = execFileSync(process.execPath, [here('./pool_workloads.js'), workers, 'start-only'], { encoding: 'utf8', env: envWithoutExtraCa });
    oursWithoutExtraCa.push(JSON.parse(run));
  }
  python.push(JSON.parse(execFileSync('python3', [here('./pool_peer.py'), workers, repeats], { encoding: 'utf8' })));
  floor.push(JSON.parse(execFileSync(process.execPath, [here('./node_floor.js')], { encoding: 'utf8' })));
}
const middle = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const median = (runs, key) => middle(runs.map((r) => r[key]));
const compare = (workload, procpool_ms, python_ms, target, extra = {}) => {
  const ratio = Math.round((procpool_ms / python_ms) * 100) / 100;
  console.log(JSON.stringify({ workload, ...extra, procpool_ms, python_ms, ratio, target_ratio: target, met: ratio <= target, rounds }));
};
compare('start_to_first_result', median(ours, 'start_to_first_result'), median(python, 'start_to_first_result'), targets.start_to_first_result);
// Each throughput workload twice: its first run in a fresh process, and its steady state
// (the median of its later runs in that process), each the median over the rounds.
const first = (runs, key) => middle(runs.map((r) => r[key][0]));
const steady = (runs, key) => middle(runs.map((r) => middle(r[key].slice(1))));
for (const [workload, target] of Object.entries(targets)) {
  if (workload === 'start_to_first_result') continue;
  compare(workload, first(ours, workload), first(python, workload), target, { run: 'first' });
  compare(workload, steady(ours, workload), steady(python, workload), target, { run: `steady (runs 2-${repeats})` });
}
if (extraCaCerts) {
  const workload = 'start_to_first_result_without_NODE_EXTRA_CA_CERTS';
  compare(workload, median(oursWithoutExtraCa, 'start_to_first_result'), median(python, 'start_to_first_result'), targets.start_to_first_result);
}
// Node's own floor in the same rounds: under start-up, a bare boot; under sequential apply, bare IPC round trips.
const nodeFloor = { node_boot_ms: median(floor, 'node_boot'), ipc_2000_round_trips_ms: median(floor, 'ipc_2000_round_trips') };
if (extraCaCerts) nodeFloor.node_boot_without_extra_ca_certs_ms = median(floor, 'node_boot_without_extra_ca_certs');
console.log(JSON.stringify({ workload: 'node_floor', ...nodeFloor, rounds }));
// The machine's floor under sequential apply: a byte's round trip between two processes on one CPU and across two.
const osFloor = JSON.parse(execFileSync('python3', [here('./os_floor.py')], { encoding: 'utf8' }));
console.log(JSON.stringify({ workload: 'os_floor', ...osFloor }));
