// What bench/copy.js and bench/copy-tasks.js share: the two test trees, and the comparison
// itself. Each round runs every tool once, starting with the next tool each round so none
// always runs right after another's deletes; medians are compared. One JSON line per workload.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const hasRsync = spawnSync('rsync', ['--version']).status === 0;

// 5,000 files of 1–17 KB in 50 folders; 4 files of 96 MB. Contents from a fixed seed.
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

export function makeSmall(root) {
  for (let d = 0; d < 50; d++) {
    mkdirSync(join(root, `folder-${d}`), { recursive: true });
    for (let f = 0; f < 100; f++) {
      const size = 1024 + Math.floor(random() * 16 * 1024);
      writeFileSync(join(root, `folder-${d}`, `file-${f}.bin`), Buffer.alloc(size, (d * 100 + f) & 0xff));
    }
  }
}

export function makeLarge(root) {
  mkdirSync(root, { recursive: true });
  for (let i = 0; i < 4; i++) {
    const parts = Array.from({ length: 96 }, (_, m) => Buffer.alloc(1 << 20, (i * 96 + m) & 0xff));
    writeFileSync(join(root, `large-${i}.bin`), Buffer.concat(parts));
  }
}

const time = async (run) => {
  const start = performance.now();
  await run();
  return performance.now() - start;
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (ms) => Math.round(ms * 10) / 10;
const ratio = (a, b) => Math.round((a / b) * 100) / 100;
// Each run starts from the same state: no dirty pages of the last run still being written.
const settle = (path) => {
  rmSync(path, { recursive: true, force: true });
  execFileSync('sync');
};

/**
 * `copy(source, destination, verify)` is ours; `extra` adds tools of ours beside it (e.g. the
 * CLI); `fields` adds to every line. cp -a and rsync -a (where installed) are the peers.
 */
export async function compareCopies({ base, rounds, prefix, copy, extra = {}, fields = {} }) {
  const workloads = [
    { workload: `${prefix}5000_small_files`, make: makeSmall, target: 1.0 },
    { workload: `${prefix}4_files_of_96MB`, make: makeLarge, target: 1.1 },
  ];
  for (const { workload, make, target } of workloads) {
    const source = join(base, `${workload}-source`);
    make(source);
    const destination = join(base, `${workload}-copy`);
    const runs = {
      cp: () => execFileSync('cp', ['-a', source, destination]),
      procpool: () => copy(source, destination, false),
      verify: () => copy(source, destination, true),
      ...Object.fromEntries(Object.entries(extra).map(([tool, run]) => [tool, () => run(source, destination)])),
      ...(hasRsync && { rsync: () => execFileSync('rsync', ['-a', `${source}/`, destination]) }),
    };
    const order = Object.keys(runs);
    const times = Object.fromEntries(order.map((tool) => [tool, []]));
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < order.length; i++) {
        const tool = order[(r + i) % order.length];
        settle(destination);
        times[tool].push(await time(runs[tool]));
      }
    }
    settle(destination);
    rmSync(source, { recursive: true, force: true });
    const procpool_ms = round(median(times.procpool));
    const cp_ms = round(median(times.cp));
    console.log(
      JSON.stringify({
        workload,
        procpool_ms,
        cp_ms,
        rsync_ms: hasRsync ? round(median(times.rsync)) : null,
        ratio: ratio(procpool_ms, cp_ms),
        ratio_to_rsync: hasRsync ? ratio(procpool_ms, median(times.rsync)) : null,
        target_ratio: target,
        met: ratio(procpool_ms, cp_ms) <= target,
        // The fastest run of each: the least disturbed by whatever else the machine does.
        procpool_min_ms: round(Math.min(...times.procpool)),
        cp_min_ms: round(Math.min(...times.cp)),
        ...Object.fromEntries(Object.keys(extra).map((tool) => [`${tool}_ms`, round(median(times[tool]))])),
        verify_ms: round(median(times.verify)),
        verify_ratio: ratio(median(times.verify), median(times.procpool)),
        procpool_runs_ms: times.procpool.map(round),
        cp_runs_ms: times.cp.map(round),
        ...fields,
        processes: 2,
        rounds,
        dir: base,
      }),
    );
  }
}
