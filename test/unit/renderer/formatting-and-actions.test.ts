import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatRate, percentDone } from '../../../src/renderer/lib/format.js';
import { actionsFor, clearable, isPaused, matches } from '../../../src/renderer/lib/job-actions.js';
import { parseSetting, settingsText } from '../../../src/renderer/lib/settings-model.js';
import { viewFromHash } from '../../../src/renderer/lib/views.js';
import { sampleJob, stubSettings } from '../../fixtures/stub-core-service.js';

describe('formatting', () => {
  it('reads bytes, rates and durations the way people say them', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300 MiB');
    expect(formatRate(2 * 1024 * 1024, 'copy')).toBe('2.0 MiB/s');
    expect(formatRate(1234.4, 'compute')).toBe('1,234 items/s');
    expect(formatRate(undefined, 'copy')).toBe('–');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(2 * 3600_000 + 600_000)).toBe('2 h 10 min');
  });

  it('counts percent by bytes when there are bytes, by items otherwise, 100 when done', () => {
    expect(percentDone(sampleJob(1, { bytesTotal: 1000, bytesDone: 999 }))).toBe(99);
    expect(percentDone(sampleJob(1, { bytesTotal: 0, itemsTotal: 4, itemsDone: 1, itemsFailed: 1 }))).toBe(50);
    expect(percentDone(sampleJob(1, { status: 'done', bytesTotal: 0, itemsTotal: 0 }))).toBe(100);
    expect(percentDone(sampleJob(1, { bytesTotal: 0, itemsTotal: 0 }))).toBe(0);
  });
});

describe('job actions and the list', () => {
  it('offers what each state allows', () => {
    expect(actionsFor(sampleJob(1, { status: 'running' }))).toEqual(['pause', 'cancel', 'reveal']);
    expect(actionsFor(sampleJob(1, { status: 'queued', kind: 'compute' }))).toEqual(['cancel']);
    expect(actionsFor(sampleJob(1, { status: 'interrupted', kind: 'compute' }))).toEqual(['resume', 'cancel', 'delete']);
    expect(actionsFor(sampleJob(1, { status: 'failed', itemsFailed: 2 }))).toEqual(['retry', 'runAgain', 'reveal', 'delete']);
    expect(actionsFor(sampleJob(1, { status: 'done', kind: 'compute' }))).toEqual(['runAgain', 'delete']);
    expect(actionsFor(sampleJob(1, { status: 'cancelled', kind: 'compute' }))).toEqual(['runAgain', 'delete']);
    expect(isPaused(sampleJob(1, { status: 'interrupted', message: 'paused: the app was closed' }))).toBe(true);
    expect(isPaused(sampleJob(1, { status: 'interrupted', message: 'worker died' }))).toBe(false);
  });

  it('filters by status, kind and text', () => {
    const jobs = [sampleJob(1, { status: 'done' }), sampleJob(2, { status: 'running' }), sampleJob(3, { status: 'failed', name: 'Nightly photos' })];
    expect(jobs.filter((j) => matches(j, { status: 'active', kind: 'all', search: '' })).map((j) => j.id)).toEqual([2]);
    expect(jobs.filter((j) => matches(j, { status: 'all', kind: 'compute', search: '' }))).toEqual([]);
    expect(jobs.filter((j) => matches(j, { status: 'all', kind: 'all', search: 'PHOTOS' })).map((j) => j.id)).toEqual([3]);
  });

  it('clears the jobs that have ended, never one that runs, waits or may be resumed', () => {
    const statuses = ['queued', 'running', 'done', 'failed', 'cancelled', 'interrupted'] as const;
    const jobs = statuses.map((status, i) => sampleJob(i + 1, { status }));
    expect(clearable(jobs).map((j) => j.status)).toEqual(['done', 'failed', 'cancelled']);
  });
});

describe('settings form and routes', () => {
  it('turns typed text into a patch or a message', () => {
    expect(settingsText(stubSettings)).toMatchObject({ poolSize: '2', maxTasksPerWorker: '', taskTimeoutMs: '' });
    expect(parseSetting('poolSize', '8')).toEqual({ ok: true, patch: { poolSize: 8 } });
    expect(parseSetting('poolSize', '0')).toEqual({ ok: false, message: 'Pool size must be from 1 to 256.' });
    expect(parseSetting('poolSize', '2.5').ok).toBe(false);
    expect(parseSetting('maxTasksPerWorker', '')).toEqual({ ok: true, patch: { maxTasksPerWorker: null } });
    expect(parseSetting('taskTimeoutMs', '1.5')).toEqual({ ok: true, patch: { taskTimeoutMs: 1500 } });
    expect(parseSetting('workerNice', '20').ok).toBe(false);
    expect(parseSetting('defaultConflict', 'rename')).toEqual({ ok: true, patch: { defaultConflict: 'rename' } });
  });

  it('says the allowed range of a number out of it: negative, huge, or a timeout that rounds to 0 ms', () => {
    expect(parseSetting('poolSize', '-3')).toEqual({ ok: false, message: 'Pool size must be from 1 to 256.' });
    expect(parseSetting('retries', '-1')).toEqual({ ok: false, message: 'Retries must be from 0 to 100.' });
    expect(parseSetting('maxTasksPerWorker', '0')).toEqual({ ok: false, message: 'Tasks per worker must be from 1 to 1,000,000.' });
    expect(parseSetting('poolSize', 'lots')).toEqual({ ok: false, message: 'Pool size must be a whole number.' });
    const timeoutRange = 'Timeout must be from 0.001 to 604,800 seconds (7 days).';
    expect(parseSetting('taskTimeoutMs', '0.0001')).toEqual({ ok: false, message: timeoutRange });
    expect(parseSetting('taskTimeoutMs', '-5')).toEqual({ ok: false, message: timeoutRange });
    expect(parseSetting('taskTimeoutMs', '1e9')).toEqual({ ok: false, message: timeoutRange });
    expect(parseSetting('taskTimeoutMs', 'soon')).toEqual({ ok: false, message: 'Timeout must be a number of seconds.' });
    expect(parseSetting('taskTimeoutMs', '0.001')).toEqual({ ok: true, patch: { taskTimeoutMs: 1 } });
  });

  it('reads the view from the hash', () => {
    expect(viewFromHash('#/workers')).toBe('workers');
    expect(viewFromHash('#/settings?x')).toBe('settings');
    expect(viewFromHash('')).toBe('jobs');
    expect(viewFromHash('#/nope')).toBe('jobs');
  });
});
