/**
 * The service's event stream: who listens to what, and how often each event goes out.
 * Jobs: changed summaries gathered and sent together at most every 100 ms (each job is
 * already throttled to ~10 updates a second by the jobs layer), plus jobs changed by other
 * processes (a `procpool copy` in a terminal), found by a poll once a second. Workers: a
 * snapshot twice a second. Shared state: once a second, when it changed. Timers run only
 * while someone listens.
 */
import type { ApiEvents, EventName, JobSummary } from '../../shared/api.js';

export interface EventSources {
  workers(): ApiEvents['workers'];
  sharedState(): ApiEvents['sharedState'];
  /** Jobs changed by other processes since the last call. */
  foreignJobs(): JobSummary[];
}

type Listener<E extends EventName> = (payload: ApiEvents[E]) => void;

const periods: Partial<Record<EventName, number>> = { workers: 500, sharedState: 1000 };

export class EventHub {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();
  private readonly timers = new Map<EventName, NodeJS.Timeout>();
  private readonly changedJobs = new Map<number, JobSummary>();
  private jobsTimer: NodeJS.Timeout | undefined;
  private foreignTimer: NodeJS.Timeout | undefined;
  private lastSharedState = '';

  constructor(private readonly sources: EventSources) {}

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<EventName>);
    this.startTimers(event);
    return () => {
      set.delete(listener as Listener<EventName>);
      if (set.size === 0) this.stopTimers(event);
    };
  }

  emit<E extends EventName>(event: E, payload: ApiEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as Listener<E>)(payload);
      } catch {
        // One listener's failure must not stop the others or the service.
      }
    }
  }

  jobChanged(summary: JobSummary): void {
    if (!this.listeners.get('jobs')?.size) return;
    this.changedJobs.set(summary.id, summary);
    this.jobsTimer ??= setTimeout(() => this.flushJobs(), 100);
  }

  close(): void {
    for (const event of [...this.timers.keys(), 'jobs' as const]) this.stopTimers(event);
    clearTimeout(this.jobsTimer);
    this.listeners.clear();
  }

  private flushJobs(): void {
    this.jobsTimer = undefined;
    const jobs = [...this.changedJobs.values()];
    this.changedJobs.clear();
    if (jobs.length > 0) this.emit('jobs', jobs);
  }

  private startTimers(event: EventName): void {
    if (event === 'jobs' && !this.foreignTimer) {
      this.foreignTimer = setInterval(() => {
        for (const job of this.sources.foreignJobs()) this.jobChanged(job);
      }, 1000);
      this.foreignTimer.unref();
    }
    const period = periods[event];
    if (period === undefined || this.timers.has(event)) return;
    const tick = () => {
      if (event === 'workers') this.emit('workers', this.sources.workers());
      if (event === 'sharedState') {
        const rows = this.sources.sharedState();
        const text = JSON.stringify(rows);
        if (text !== this.lastSharedState) this.emit('sharedState', rows);
        this.lastSharedState = text;
      }
    };
    const timer = setInterval(tick, period);
    timer.unref();
    this.timers.set(event, timer);
  }

  private stopTimers(event: EventName): void {
    if (event === 'jobs') {
      clearInterval(this.foreignTimer);
      this.foreignTimer = undefined;
    }
    clearInterval(this.timers.get(event));
    this.timers.delete(event);
    if (event === 'sharedState') this.lastSharedState = '';
  }
}
