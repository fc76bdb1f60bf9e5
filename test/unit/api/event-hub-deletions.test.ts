/**
 * The service's event stream and deleted jobs: job summaries are held ~100 ms and sent
 * together, deletions go out at once, so a summary held for a job deleted meanwhile must
 * not follow its deletion (the app would show the deleted row again). Deletions by other
 * processes come from the same once-a-second poll as their changes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobSummary } from '../../../src/shared/api.js';
import { EventHub, type EventSources } from '../../../src/main/api/event-hub.js';

const summary = (id: number): JobSummary => ({
  id,
  name: `job ${id}`,
  kind: 'compute',
  status: 'done',
  spec: { kind: 'compute', task: { builtin: 'primes' }, inputs: { type: 'range', start: 0, end: 1 } },
  createdAt: 0,
  ranMs: 0,
  itemsTotal: 1,
  itemsDone: 1,
  itemsFailed: 0,
  itemsSkipped: 0,
  bytesTotal: 0,
  bytesDone: 0,
});

let foreign: { jobs: JobSummary[]; deleted: number[] };
let hub: EventHub;
/** What a client received, in order: ['jobs', ids] or ['jobsDeleted', ids]. */
let received: Array<[string, number[]]>;

beforeEach(() => {
  vi.useFakeTimers();
  foreign = { jobs: [], deleted: [] };
  const sources: EventSources = {
    workers: () => {
      throw new Error('nobody listens to workers here');
    },
    sharedState: () => [],
    foreignJobs: () => foreign.jobs.splice(0),
    foreignDeletions: () => foreign.deleted.splice(0),
  };
  hub = new EventHub(sources);
  received = [];
});
afterEach(() => {
  hub.close();
  vi.useRealTimers();
});

function listen(events: ReadonlyArray<'jobs' | 'jobsDeleted'> = ['jobs', 'jobsDeleted']): void {
  if (events.includes('jobs')) hub.on('jobs', (jobs) => received.push(['jobs', jobs.map((job) => job.id)]));
  if (events.includes('jobsDeleted')) hub.on('jobsDeleted', (ids) => received.push(['jobsDeleted', ids]));
}

describe('EventHub: deleted jobs', () => {
  it('drops a summary held back for a job deleted meanwhile; the others still go out', () => {
    listen();
    hub.jobChanged(summary(1));
    hub.jobChanged(summary(2));
    hub.emit('jobsDeleted', [1]);
    vi.advanceTimersByTime(100);
    expect(received).toEqual([
      ['jobsDeleted', [1]],
      ['jobs', [2]],
    ]);
  });

  it('sends a deletion after the summaries already sent, and nothing of that job after it', () => {
    listen();
    hub.jobChanged(summary(3));
    vi.advanceTimersByTime(100);
    hub.emit('jobsDeleted', [3]);
    vi.advanceTimersByTime(1000);
    expect(received).toEqual([
      ['jobs', [3]],
      ['jobsDeleted', [3]],
    ]);
  });

  it('a poll that finds a job changed and then deleted by another process sends only its deletion', () => {
    listen();
    foreign.jobs.push(summary(4), summary(5));
    foreign.deleted.push(4);
    vi.advanceTimersByTime(1100);
    expect(received).toEqual([
      ['jobsDeleted', [4]],
      ['jobs', [5]],
    ]);
  });

  it('polls for deletions by other processes for a client that listens to deletions alone', () => {
    listen(['jobsDeleted']);
    foreign.deleted.push(6, 7);
    vi.advanceTimersByTime(1000);
    expect(received).toEqual([['jobsDeleted', [6, 7]]]);
    hub.close();
    foreign.deleted.push(8);
    vi.advanceTimersByTime(2000);
    expect(received).toHaveLength(1);
  });
});
