/**
 * Holds the events waiting to go to one client (a WebSocket, an Electron window), merged so a slow client gets the
 * latest state rather than a growing backlog: job updates by job id (the newest summary of
 * each), the other events by name (only the newest snapshot matters).
 */
import type { ApiEvents, EventName, JobSummary, ServerMessage } from './api.js';

export class EventCoalescer {
  private jobs = new Map<number, JobSummary>();
  /** Deletions add up (each names other jobs); a held summary of a job deleted since is not sent. */
  private deleted = new Set<number>();
  private latest = new Map<Exclude<EventName, 'jobs' | 'jobsDeleted'>, unknown>();

  push<E extends EventName>(event: E, payload: ApiEvents[E]): void {
    if (event === 'jobs') {
      for (const job of payload as JobSummary[]) this.jobs.set(job.id, job);
    } else if (event === 'jobsDeleted') {
      for (const id of payload as number[]) {
        this.jobs.delete(id);
        this.deleted.add(id);
      }
    } else {
      this.latest.set(event as Exclude<EventName, 'jobs' | 'jobsDeleted'>, payload);
    }
  }

  get pending(): boolean {
    return this.jobs.size > 0 || this.deleted.size > 0 || this.latest.size > 0;
  }

  /** The messages to send now, oldest kind of news first; empties the holder. */
  drain(): ServerMessage[] {
    const out: ServerMessage[] = [];
    for (const [event, payload] of this.latest) out.push({ event, payload });
    // Before the summaries: one sent after a deletion is a new job (ids of deleted jobs are reused).
    if (this.deleted.size > 0) out.push({ event: 'jobsDeleted', payload: [...this.deleted] });
    if (this.jobs.size > 0) out.push({ event: 'jobs', payload: [...this.jobs.values()] });
    this.jobs = new Map();
    this.deleted = new Set();
    this.latest = new Map();
    return out;
  }
}
