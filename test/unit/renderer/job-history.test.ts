// The Jobs view's logic: times and "took", sorting, the title, and what is said when jobs start and end.
import { describe, expect, it, vi } from 'vitest';
import type { JobSummary } from '../../../src/shared/api.js';
import { progressTitle } from '../../../src/renderer/lib/doc-title.js';
import { askedKey, EndNotifier, type NotificationApi } from '../../../src/renderer/lib/end-notifier.js';
import { newlyEnded } from '../../../src/renderer/lib/job-ends.js';
import { JobLauncher, tellsHowItGoes } from '../../../src/renderer/lib/job-launcher.js';
import { endNotice, startNotice } from '../../../src/renderer/lib/job-notices.js';
import { compareJobs } from '../../../src/renderer/lib/job-sort.js';
import { clockText, formatTook, ranSoFar, timeFacts } from '../../../src/renderer/lib/job-times.js';
import { sampleJob } from '../../fixtures/stub-core-service.js';

const at = (day: number, hour: number, minute: number, month = 11, year = 2026): number => new Date(year, month, day, hour, minute).getTime();

describe('when a job ran', () => {
  it('says how long it took in the app\'s units: milliseconds under a second, tenths of a second under 10 s', () => {
    expect(formatTook(0)).toBe('0 ms');
    expect(formatTook(21.4)).toBe('21 ms');
    expect(formatTook(999.4)).toBe('999 ms');
    expect(formatTook(999.6)).toBe('1.0 s');
    expect(formatTook(4_240)).toBe('4.2 s');
    expect(formatTook(9_940)).toBe('9.9 s');
    expect(formatTook(9_960)).toBe('10 s');
    expect(formatTook(185_000)).toBe('3 min 5 s');
    expect(formatTook(2 * 3600_000 + 600_000)).toBe('2 h 10 min');
    expect(formatTook(Number.NaN)).toBe('–');
  });

  it('lets a running job\'s time run on between its summaries; a stopped one\'s stands', () => {
    expect(ranSoFar({ status: 'running', ranMs: 5_000 }, 1_000, 4_000)).toBe(8_000);
    expect(ranSoFar({ status: 'running', ranMs: 5_000 }, 4_000, 3_000)).toBe(5_000);
    expect(ranSoFar({ status: 'interrupted', ranMs: 5_000 }, 1_000, 9_000)).toBe(5_000);
    expect(ranSoFar({ status: 'done', ranMs: 5_000 }, 1_000, 9_000)).toBe(5_000);
  });

  it('gives the clock alone today, the day (and year) otherwise', () => {
    expect(clockText(at(7, 14, 2), at(7, 23, 0))).toBe('14:02');
    expect(clockText(at(3, 9, 5), at(7, 23, 0))).toBe('3 Dec, 09:05');
    expect(clockText(at(3, 9, 5, 11, 2025), at(7, 23, 0))).toBe('3 Dec 2025, 09:05');
  });

  it('shows started, ended (the time alone on the day it started) and took, as `procpool jobs` does', () => {
    const now = at(8, 10, 0);
    const ended = timeFacts({ status: 'done', startedAt: at(7, 14, 2), finishedAt: at(7, 14, 5) }, 185_000, now);
    expect(ended.map((fact) => fact.text)).toEqual(['started 7 Dec, 14:02', 'ended 14:05', 'took 3 min 5 s']);
    expect(ended[0]!.title).toContain('2026');
    const overnight = timeFacts({ status: 'failed', startedAt: at(7, 23, 50), finishedAt: at(8, 0, 10) }, 1_200_000, now);
    expect(overnight.map((fact) => fact.text)).toEqual(['started 7 Dec, 23:50', 'ended 8 Dec, 00:10', 'took 20 min 0 s']);
    expect(timeFacts({ status: 'running', startedAt: at(8, 9, 59) }, 61_000, now).map((fact) => fact.text)).toEqual(['started 09:59', 'ran 1 min 1 s']);
    expect(timeFacts({ status: 'queued' }, 0, now)).toEqual([]);
    // Cancelled before it ever started: when it ended, and no time run.
    expect(timeFacts({ status: 'cancelled', finishedAt: at(8, 9, 0) }, 0, now).map((fact) => fact.text)).toEqual(['ended 09:00']);
  });
});

describe('the order of the list', () => {
  const jobs = [
    sampleJob(1, { name: 'photos 10', status: 'done', createdAt: 100 }),
    sampleJob(2, { name: 'Photos 9', status: 'running', createdAt: 300 }),
    sampleJob(3, { name: 'archive', status: 'failed', createdAt: 200 }),
    sampleJob(4, { name: 'archive', status: 'queued', createdAt: 200 }),
  ];
  const ids = (sort: Parameters<typeof compareJobs>[0]) => [...jobs].sort(compareJobs(sort)).map((job) => job.id);

  it('is newest first by default, oldest first on request, ties by id', () => {
    expect(ids('newest')).toEqual([2, 4, 3, 1]);
    expect(ids('oldest')).toEqual([1, 3, 4, 2]);
  });

  it('sorts names as people read them (case aside, 9 before 10), then newest first', () => {
    expect(ids('name')).toEqual([4, 3, 2, 1]);
  });

  it('sorts by status: running, queued, then what needs a look, then what is done', () => {
    expect(ids('status')).toEqual([2, 4, 3, 1]);
  });
});

describe('the window title', () => {
  it('says how far the running jobs are, and how many, while any runs', () => {
    expect(progressTitle([])).toBe('Procpool');
    expect(progressTitle([sampleJob(1, { status: 'done' }), sampleJob(2, { status: 'interrupted' })])).toBe('Procpool');
    const half = sampleJob(1, { status: 'running', bytesTotal: 100, bytesDone: 50 });
    expect(progressTitle([half])).toBe('50% · 1 job — Procpool');
    const most = sampleJob(2, { status: 'running', bytesTotal: 0, itemsTotal: 3, itemsDone: 1 });
    expect(progressTitle([half, most, sampleJob(3, { status: 'queued' })])).toBe('41% · 2 jobs — Procpool');
  });
});

describe('what is said when jobs start and end', () => {
  it('says a job that failed at once failed, not "Started"', () => {
    expect(startNotice({ name: 'Thumbs', status: 'running' })).toEqual({ text: 'Started Thumbs', tone: 'info' });
    expect(startNotice({ name: 'Thumbs', status: 'queued' })).toEqual({ text: 'Started Thumbs', tone: 'info' });
    expect(startNotice({ name: 'Thumbs', status: 'failed', message: '3 of 3 items failed' })).toEqual({ text: 'Thumbs failed: 3 of 3 items failed', tone: 'error' });
    expect(startNotice({ name: 'Thumbs', status: 'done' })).toEqual({ text: 'Thumbs is done', tone: 'info' });
  });

  it('tells the jobs that ended from running or queued, not those first seen ended', () => {
    const before = new Map<number, Pick<JobSummary, 'status'>>([
      [1, { status: 'running' }],
      [2, { status: 'queued' }],
      [3, { status: 'done' }],
      [4, { status: 'running' }],
    ]);
    const updates = [sampleJob(1, { status: 'done' }), sampleJob(2, { status: 'cancelled' }), sampleJob(3, { status: 'done' }), sampleJob(4, { status: 'interrupted' }), sampleJob(5, { status: 'failed' })];
    expect(newlyEnded(before, updates).map((job) => job.id)).toEqual([1, 2]);
  });

  it('words one ended job by itself and several as a tally', () => {
    expect(endNotice([sampleJob(1, { name: 'Backup', status: 'done', itemsDone: 10, itemsTotal: 10 })])).toEqual({ title: 'Backup: done', body: '10 of 10 files' });
    expect(endNotice([sampleJob(1, { name: 'Backup', status: 'failed', message: 'disk full' })])).toEqual({ title: 'Backup: failed', body: 'disk full' });
    const three = [sampleJob(1, { status: 'done' }), sampleJob(2, { status: 'failed' }), sampleJob(3, { status: 'done' })];
    expect(endNotice(three)).toEqual({ title: '3 jobs ended', body: '2 done, 1 failed' });
  });
});

describe('browser notifications', () => {
  function fakeApi(permission: NotificationPermission) {
    const shown: Array<{ title: string; options?: NotificationOptions }> = [];
    const api = class {
      static permission = permission;
      static requestPermission = vi.fn(async () => permission);
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, ...(options && { options }) });
      }
    };
    return { api: api as unknown as NotificationApi & { requestPermission: ReturnType<typeof vi.fn> }, shown };
  }
  const memory = () => {
    const items = new Map<string, string>();
    return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
  };

  it('asks for the permission once, ever, and never where it was answered', () => {
    const { api } = fakeApi('default');
    const store = memory();
    new EndNotifier(api, () => false, store).askOnce();
    new EndNotifier(api, () => false, store).askOnce();
    expect(api.requestPermission).toHaveBeenCalledTimes(1);
    expect(store.getItem(askedKey)).toBe('1');
    const answered = fakeApi('denied');
    new EndNotifier(answered.api, () => false, memory()).askOnce();
    expect(answered.api.requestPermission).not.toHaveBeenCalled();
    // No storage (refused): still once a page.
    const bare = fakeApi('default');
    const notifier = new EndNotifier(bare.api, () => false, undefined);
    notifier.askOnce();
    notifier.askOnce();
    expect(bare.api.requestPermission).toHaveBeenCalledTimes(1);
  });

  it('notifies while nobody looks, one replacing notification for what ended meanwhile; nothing while the app is looked at or not allowed', () => {
    const { api, shown } = fakeApi('granted');
    let looking = false;
    const notifier = new EndNotifier(api, () => looking, memory());
    notifier.ended([sampleJob(1, { name: 'Backup', status: 'done', itemsDone: 10, itemsTotal: 10 })]);
    notifier.ended([sampleJob(2, { status: 'failed' })]);
    expect(shown.map((n) => n.title)).toEqual(['Backup: done', '2 jobs ended']);
    expect(new Set(shown.map((n) => n.options?.tag)).size).toBe(1);
    looking = true;
    notifier.seen();
    notifier.ended([sampleJob(3, { status: 'done' })]);
    expect(shown).toHaveLength(2);
    looking = false;
    notifier.ended([sampleJob(4, { name: 'Render', status: 'cancelled' })]);
    expect(shown.at(-1)!.title).toBe('Render: cancelled');
    const denied = fakeApi('denied');
    new EndNotifier(denied.api, () => false, memory()).ended([sampleJob(1, { status: 'done' })]);
    expect(denied.shown).toEqual([]);
    // No Notifications API at all: nothing, no error.
    expect(() => new EndNotifier(undefined, () => false, memory()).ended([sampleJob(1, { status: 'done' })])).not.toThrow();
  });
});

describe('the first toast of a job', () => {
  it('waits for the job\'s first moment: a job that failed at once is said to have failed', async () => {
    const said: string[] = [];
    const failed = sampleJob(7, { name: 'Thumbs', status: 'failed', message: 'no such module' });
    const jobs = { add: vi.fn(), firstNews: vi.fn(async () => failed) };
    const launcher = new JobLauncher(jobs, ({ text }) => said.push(text), undefined, 10);
    await launcher.started(sampleJob(7, { name: 'Thumbs', status: 'running' }));
    expect(jobs.add).toHaveBeenCalledOnce();
    expect(jobs.firstNews).toHaveBeenCalledWith(7, 10);
    expect(said).toEqual(['Thumbs failed: no such module']);
  });

  it('waits no longer than a job needs to tell how it goes: ended, or an item done', () => {
    expect(tellsHowItGoes({ status: 'running', itemsDone: 0 })).toBe(false);
    expect(tellsHowItGoes({ status: 'queued', itemsDone: 0 })).toBe(false);
    expect(tellsHowItGoes({ status: 'running', itemsDone: 1 })).toBe(true);
    expect(tellsHowItGoes({ status: 'failed', itemsDone: 0 })).toBe(true);
  });

  it('asks for the notification permission on the click that starts a job', () => {
    const askOnce = vi.fn();
    new JobLauncher({ add: vi.fn(), firstNews: vi.fn() }, () => undefined, { askOnce }).clicked();
    expect(askOnce).toHaveBeenCalledOnce();
  });
});
