/**
 * Holds the events waiting to go to one client (a WebSocket, an Electron window), merged so a slow client gets the
 * latest state rather than a growing backlog: job updates by job id (the newest summary of
 * each), the other events by name (only the newest snapshot matters).
 */
import type { ApiEvents, EventName, JobSummary, ServerMessage } from './api.js';

export class EventCoalescer {
  private jobs = new Map<number, JobSummary>();
  private latest = new Map<Exclude<EventName, 'jobs'>, unknown>();

  push<E extends EventName>(event: E, payload: ApiEvents[E]): void {
    if (event === 'jobs') {
      for (const job of payload as JobSummary[]) this.jobs.set(job.id, job);
    } else {
      this.latest.set(event as Exclude<EventName, 'jobs'>, payload);
    }
  }

  get pending(): boolean {
    return this.jobs.size > 0 || this.latest.size > 0;
  }

  /** The messages to send now, oldest kind of news first; empties the holder. */
  drain(): ServerMessage[] {
    const out: ServerMessage[] = [];
    for (const [event, payload] of this.latest) out.push({ event, payload });
    if (this.jobs.size > 0) out.push({ event: 'jobs', payload: [...this.jobs.values()] });
    this.jobs = new Map();
    this.latest = new Map();
    return out;
  }
}
