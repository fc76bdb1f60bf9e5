/**
 * The one pool that every job shares, behind a holder so that settings a Pool fixes at
 * construction (maxtasksperchild) can change while it runs: a new pool takes the new work
 * and the old one finishes what it holds, then leaves. Started on first use, so commands
 * that never run a task (`procpool jobs`) start no workers. Events of every pool it holds
 * reach the holder's listeners.
 */
import { EventEmitter } from 'node:events';
import { availableParallelism } from 'node:os';
import { Pool, type PoolOptions } from '../pool/pool.js';
import type { PoolEvents } from '../pool/pool-events.js';
import type { WorkerInfo } from '../pool/pool-worker.js';
import type { TaskOptions } from '../pool/task.js';
import type { TaskRef } from '../pool/task-ref.js';

export type PoolSettings = Pick<PoolOptions, 'processes' | 'maxtasksperchild' | 'startOnDemand'>;

const poolEvents = ['worker:start', 'worker:exit', 'task:start', 'task:end', 'progress'] as const;

export class PoolHolder {
  private current: Pool | undefined;
  private readonly draining = new Set<Pool>();
  private readonly events = new EventEmitter();
  private settings: PoolSettings;
  private stopped = false;

  constructor(settings: PoolSettings = {}) {
    this.settings = { ...settings };
    this.events.setMaxListeners(0);
  }

  get pool(): Pool {
    if (this.stopped) throw new Error('the pool holder was terminated');
    this.current ??= this.start();
    return this.current;
  }

  get isStarted(): boolean {
    return this.current !== undefined;
  }

  get processes(): number {
    return this.current?.processes ?? this.settings.processes ?? availableParallelism();
  }

  apply<R>(fn: TaskRef, args: unknown[], options: TaskOptions = {}): Promise<R> {
    return this.pool.apply<R>(fn, args, undefined, options);
  }

  /** Workers of the pool in use and of pools still finishing their work. */
  workers(): WorkerInfo[] {
    return [...this.draining, ...(this.current ? [this.current] : [])].flatMap((pool) => pool.workers());
  }

  async terminateWorker(pid: number): Promise<void> {
    await this.owner(pid).terminateWorker(pid);
  }

  async killWorker(pid: number): Promise<void> {
    await this.owner(pid).killWorker(pid);
  }

  async resize(processes: number): Promise<void> {
    this.settings.processes = processes;
    if (this.current) await this.current.resize(processes);
  }

  /** New work goes to a pool with these settings; the old pool finishes what it holds. */
  replace(settings: PoolSettings): void {
    this.settings = { ...this.settings, ...settings };
    const old = this.current;
    if (!old) return;
    this.current = this.start();
    this.draining.add(old);
    old.close();
    void old.join().finally(() => this.draining.delete(old));
  }

  on<E extends keyof PoolEvents>(event: E, listener: (payload: PoolEvents[E]) => void): this {
    this.events.on(event, listener);
    return this;
  }

  off<E extends keyof PoolEvents>(event: E, listener: (payload: PoolEvents[E]) => void): this {
    this.events.off(event, listener);
    return this;
  }

  async terminate(): Promise<void> {
    this.stopped = true;
    const pools = [...this.draining, ...(this.current ? [this.current] : [])];
    this.current = undefined;
    await Promise.all(pools.map((pool) => pool.terminate()));
  }

  private start(): Pool {
    const { processes, maxtasksperchild, startOnDemand } = this.settings;
    // Jobs retry the work of a dead worker themselves, item by item (job-run.ts).
    const pool = new Pool({
      ...(processes !== undefined && { processes }),
      ...(maxtasksperchild && { maxtasksperchild }),
      ...(startOnDemand && { startOnDemand }),
      retries: 0,
    });
    for (const event of poolEvents) {
      pool.on(event, (payload: PoolEvents[typeof event]) => this.events.emit(event, payload));
    }
    return pool;
  }

  private owner(pid: number): Pool {
    const pools = [...(this.current ? [this.current] : []), ...this.draining];
    const found = pools.find((pool) => pool.workers().some((worker) => worker.pid === pid));
    if (!found) {
      const pids = this.workers().map((worker) => worker.pid).join(', ') || 'none';
      throw new RangeError(`no worker with pid ${pid} in the pool (its workers: ${pids})`);
    }
    return found;
  }
}
