/**
 * The service's event stream: who listens to what, and how often each event goes out.
 * Jobs: changed summaries gathered and sent together at most every 100 ms (each job is
 * already throttled to ~10 updates a second by the jobs layer), plus jobs changed or deleted
 * by other processes (a `procpool copy` or `procpool jobs delete` in a terminal), found by a
 * poll once a second. Deletions go out at once, and a summary still held for a deleted job
 * is dropped: sent after the deletion, it would bring the job back into the app. Workers: a
 * snapshot twice a second. Shared state: once a second, when it changed. Timers run only
 * while someone listens.
 */
import type { ApiEvents, EventName, JobSummary } from '../../shared/api.js';

export interface EventSources {
  workers(): ApiEvents['workers'];
  sharedState(): ApiEvents['sharedState'];
  /** Jobs changed by other processes since the last call. */
  foreignJobs(): JobSummary[];
  /** Ids of the jobs other processes deleted since the last call. */
  foreignDeletions(): number[];
}

type Listener<E extends EventName> = (payload: ApiEvents[E]) => void;

const periods: Partial<Record<EventName, number>> = { workers: 500, sharedState: 1000 };
/** The events the poll for other processes' changes serves. */
const jobEvents: readonly EventName[] = ['jobs', 'jobsDeleted'];

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
    if (event === 'jobsDeleted') for (const id of payload as ApiEvents['jobsDeleted']) this.changedJobs.delete(id);
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
    this.listeners.clear();
    for (const event of [...this.timers.keys(), ...jobEvents]) this.stopTimers(event);
    clearTimeout(this.jobsTimer);
    this.changedJobs.clear();
  }

  private flushJobs(): void {
    this.jobsTimer = undefined;
    const jobs = [...this.changedJobs.values()];
    this.changedJobs.clear();
    if (jobs.length > 0) this.emit('jobs', jobs);
  }

  /** What other processes changed: the changes first, so a job changed and then deleted ends deleted. */
  private pollForeign(): void {
    for (const job of this.sources.foreignJobs()) this.jobChanged(job);
    const deleted = this.sources.foreignDeletions();
    if (deleted.length > 0) this.emit('jobsDeleted', deleted);
  }

  private startTimers(event: EventName): void {
    if (jobEvents.includes(event) && !this.foreignTimer) {
      this.foreignTimer = setInterval(() => this.pollForeign(), 1000);
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
    if (jobEvents.includes(event) && !jobEvents.some((name) => this.listeners.get(name)?.size)) {
      clearInterval(this.foreignTimer);
      this.foreignTimer = undefined;
    }
    clearInterval(this.timers.get(event));
    this.timers.delete(event);
    if (event === 'sharedState') this.lastSharedState = '';
  }
}
