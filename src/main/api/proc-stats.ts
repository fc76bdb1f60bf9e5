/**
 * CPU and memory of a process by PID, read from /proc (Linux): CPU time from
 * /proc/PID/stat (utime + stime), resident memory from /proc/PID/status (VmRSS). A CPU
 * percentage needs two readings: CpuMeter keeps the last one per PID. Elsewhere, zeros.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { procStatFields } from '../jobs/proc-stat.js';

let ticksPerSecond: number | undefined;

/** Clock ticks per second (`getconf CLK_TCK`), asked once; 100 on every common Linux. */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    const answer = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim());
    ticksPerSecond = Number.isFinite(answer) && answer > 0 ? answer : 100;
  }
  return ticksPerSecond;
}

/** CPU seconds used so far, or undefined when the process is gone (or this is not Linux). */
export function cpuSeconds(pid: number): number | undefined {
  const fields = procStatFields(pid);
  return fields === undefined ? undefined : (Number(fields[11]) + Number(fields[12])) / clockTicks();
}

export function rssBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export class CpuMeter {
  private readonly last = new Map<number, { cpu: number; at: number }>();

  /** Percent of one core used since the last reading of this PID (0 at the first). */
  percent(pid: number, now = performance.now()): number {
    const cpu = cpuSeconds(pid);
    if (cpu === undefined) {
      this.last.delete(pid);
      return 0;
    }
    const before = this.last.get(pid);
    this.last.set(pid, { cpu, at: now });
    if (!before || now <= before.at) return 0;
    return Math.max(0, Math.round(((cpu - before.cpu) / ((now - before.at) / 1000)) * 1000) / 10);
  }

  /** Forgets PIDs not in `live`. */
  keep(live: ReadonlySet<number>): void {
    for (const pid of this.last.keys()) if (!live.has(pid)) this.last.delete(pid);
  }
}
