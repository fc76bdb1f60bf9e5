import { describe, expect, it } from 'vitest';
import { shownMessage } from '../../../src/renderer/lib/job-message.js';
import { sampleJob } from '../../fixtures/stub-core-service.js';

describe("a job row's message", () => {
  it('drops what the status pill already says, keeping the reason after it', () => {
    expect(shownMessage(sampleJob(1, { status: 'cancelled', message: 'cancelled' }))).toBeUndefined();
    expect(shownMessage(sampleJob(1, { status: 'interrupted', message: 'paused' }))).toBeUndefined();
    expect(shownMessage(sampleJob(1, { status: 'interrupted', message: 'paused: procpool was closed' }))).toBe('procpool was closed');
    expect(shownMessage(sampleJob(1, { status: 'interrupted', message: 'interrupted: the process that ran it (pid 7) ended before it finished; resume it to go on' }))).toBe(
      'the process that ran it (pid 7) ended before it finished; resume it to go on',
    );
    expect(shownMessage(sampleJob(1, { status: 'cancelled', message: 'cancelled: the source went away' }))).toBe('the source went away');
  });

  it("drops a failed job's item summary that its failed count says, not a real error", () => {
    expect(shownMessage(sampleJob(1, { status: 'failed', itemsFailed: 10, itemsTotal: 30, message: '10 of 30 items failed' }))).toBeUndefined();
    expect(shownMessage(sampleJob(1, { status: 'failed', itemsFailed: 1200, itemsTotal: 3000, message: '1200 of 3000 items failed' }))).toBeUndefined();
    expect(shownMessage(sampleJob(1, { status: 'failed', itemsFailed: 0, message: 'internal error: disk full' }))).toBe('internal error: disk full');
    expect(shownMessage(sampleJob(1, { status: 'failed', itemsFailed: 10, message: 'stopped before changing anything: 10 entries exist' }))).toBe(
      'stopped before changing anything: 10 entries exist',
    );
    // What is left to do, after the summary, stays.
    expect(shownMessage(sampleJob(1, { status: 'failed', itemsFailed: 2, itemsTotal: 9, message: '2 of 9 items failed; 2 folders could not be read: resume the job once they can be' }))).toBe(
      '2 folders could not be read: resume the job once they can be',
    );
    // A count that disagrees with the row's is not a repetition: it stays.
    expect(shownMessage(sampleJob(1, { status: 'failed', itemsFailed: 4, message: '10 of 30 items failed' }))).toBe('10 of 30 items failed');
  });

  it('keeps what a running job says and shows nothing for no message', () => {
    expect(shownMessage(sampleJob(1, { status: 'running', message: 'waiting for a free worker' }))).toBe('waiting for a free worker');
    expect(shownMessage(sampleJob(1, { status: 'done' }))).toBeUndefined();
    expect(shownMessage(sampleJob(1, { status: 'failed', message: '  ' }))).toBeUndefined();
  });
});
