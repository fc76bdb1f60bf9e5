/**
 * Short tasks go to a worker several at a time, queued behind the one it runs
 * (dispatch-rules.ts). When that one turns out long (stalledTaskMs) while another worker has
 * nothing to do, the tasks queued behind it are asked back, to be sent again; until the
 * worker answers they stay where they are, and it gives back only what it has not begun, so
 * no task runs twice.
 */
import { stalledTaskMs } from '../../shared/worker-protocol.js';
import { isIdle } from './dispatch-rules.js';
import type { PoolWorker } from './pool-worker.js';
import type { Task } from './task.js';

export class TakeBack {
  private timer: NodeJS.Timeout | undefined;

  /** `recheck` runs when a task that is not long yet would become so. */
  constructor(private readonly recheck: () => void) {}

  /** With a worker idle and nothing queued: asks back what waits behind a long task. */
  askIfStalled(workers: Set<PoolWorker>): void {
    if (this.timer || !anyIdle(workers)) return;
    const now = performance.now();
    let soonest = Number.POSITIVE_INFINITY;
    for (const worker of workers) {
      const wait = waitBeforeAsking(worker, now);
      if (wait === undefined) continue;
      if (wait > 0) {
        soonest = Math.min(soonest, wait);
        continue;
      }
      worker.takingBack = true;
      worker.channel.send({ t: 'take-back', ids: worker.inFlight.slice(1).map((task) => task.id) });
    }
    if (soonest === Number.POSITIVE_INFINITY) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.recheck();
    }, soonest).unref();
  }
}

/** The worker's answer: the tasks it gave back, taken off its list, to be queued again (those still wanted). */
export function givenBack(worker: PoolWorker, ids: number[]): Task[] {
  worker.takingBack = false;
  const wanted = new Set(ids);
  const back = worker.inFlight.filter((task) => wanted.has(task.id));
  worker.inFlight.splice(0, worker.inFlight.length, ...worker.inFlight.filter((task) => !wanted.has(task.id)));
  for (const task of back) {
    // Its turn may have come here meanwhile (the one before it finished): it starts again where it goes.
    task.timer?.clear();
    task.startedAt = undefined;
  }
  // One cancelled meanwhile was answered then; the worker never saw the cancel.
  return back.filter((task) => !task.done);
}

function anyIdle(workers: Set<PoolWorker>): boolean {
  for (const worker of workers) if (isIdle(worker)) return true;
  return false;
}

/** 0: ask now (its task has run stalledTaskMs); else how long until then; undefined: nothing to ask for. */
function waitBeforeAsking(worker: PoolWorker, now: number): number | undefined {
  const head = worker.inFlight[0];
  if (worker.inFlight.length < 2 || worker.takingBack || head?.startedAt === undefined) return undefined;
  return Math.max(0, stalledTaskMs - (now - head.startedAt));
}
