/**
 * Run by spawn-failure.test.ts under a low `ulimit -n`: takes every free file descriptor, so
 * that starting a worker fails with EMFILE, then gives them back. process.kill is replaced
 * first: it signals only workers this program saw start, and records every call, so that the
 * code under test can never reach another process (kill(-1) would end every process of the
 * user). Prints one JSON line of what it saw.
 */
import { ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { Pool } from '../../../src/main/index.js';
import { tasks } from '../../helpers.js';

const workerPids = new Set<number>();
const refused: number[] = [];
const realKill = process.kill.bind(process);
process.kill = ((pid: number, signal?: NodeJS.Signals | number) => {
  if (workerPids.has(Math.abs(pid))) return realKill(pid, signal);
  refused.push(pid);
  throw Object.assign(new Error(`kill ${pid}: refused by the test`), { code: 'ESRCH' });
}) as typeof process.kill;

// Every start goes through ChildProcess's (undocumented) spawn method: counted here.
let spawns = 0;
const proto = ChildProcess.prototype as unknown as { spawn: (...args: unknown[]) => unknown };
const spawn = proto.spawn;
proto.spawn = function (this: ChildProcess, ...args: unknown[]) {
  spawns++;
  return spawn.apply(this, args);
};

function watch(pool: Pool): Pool {
  for (const worker of pool.workers()) workerPids.add(worker.pid);
  pool.on('worker:start', ({ pid }) => workerPids.add(pid));
  return pool;
}

// A first pool, before the descriptors run out: whatever a start looks up once is looked up.
const warm = watch(new Pool({ processes: 1, module: tasks }));
await warm.apply('square', [1]);
await warm.terminate();

const held: number[] = [];
try {
  for (;;) held.push(openSync('/dev/null', 'r'));
} catch {
  // EMFILE: every descriptor is taken.
}
const spawnsBefore = spawns;
const pool = watch(new Pool({ processes: 2, module: tasks }));
const failure = (await pool.apply('square', [2]).catch((error: unknown) => error)) as Error;
const triesUntilFailure = spawns - spawnsBefore;
// A pool that cannot start workers and has none still ends like any other.
const stopped = watch(new Pool({ processes: 2, module: tasks }));
await stopped.terminate();

for (const fd of held) closeSync(fd);
const recovered = await pool.apply('square', [3]);
await pool.terminate();

process.stdout.write(`${JSON.stringify({ name: failure.name, message: failure.message, triesUntilFailure, recovered, refused, held: held.length })}\n`);
