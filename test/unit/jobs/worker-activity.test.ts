import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { PoolHolder } from '../../../src/main/jobs/pool-holder.js';
import { WorkerActivity } from '../../../src/main/jobs/worker-activity.js';

function activityOn(pool: EventEmitter): WorkerActivity {
  const job = { describe: (tag: string, note: string | undefined) => note ?? `item of ${tag}` };
  return new WorkerActivity(pool as unknown as PoolHolder, (jobId) => (jobId === 1 ? job : undefined));
}

describe('WorkerActivity: which job item each worker holds', () => {
  it('follows a task from start through progress to its end', () => {
    const pool = new EventEmitter();
    const activity = activityOn(pool);
    pool.emit('task:start', { taskId: 5, pid: 10, tag: 'j1.5' });
    expect(activity.of({ pid: 10, tag: 'j1.5' })).toEqual({ jobId: 1, item: 'item of j1.5' });
    pool.emit('progress', { taskId: 5, pid: 10, tag: 'j1.5', done: 3, total: 8, note: 'a/b.txt' });
    expect(activity.of({ pid: 10, tag: 'j1.5' })).toEqual({ jobId: 1, item: 'a/b.txt', itemDone: 3, itemTotal: 8 });
    pool.emit('task:end', { taskId: 5, pid: 10, ok: true, tag: 'j1.5' });
    expect(activity.of({ pid: 10 })).toBeUndefined();
  });

  it('tasks without a job tag are not a job item', () => {
    const pool = new EventEmitter();
    const activity = activityOn(pool);
    pool.emit('task:start', { taskId: 6, pid: 11 });
    expect(activity.of({ pid: 11 })).toBeUndefined();
  });

  it('a task taken back from its worker after it was announced is no longer shown there', () => {
    const pool = new EventEmitter();
    const activity = activityOn(pool);
    pool.emit('task:start', { taskId: 7, pid: 12, tag: 'j1.7' });
    // The pool took it back: pid 12 runs nothing now, and the task starts on pid 13.
    expect(activity.of({ pid: 12 })).toBeUndefined();
    pool.emit('task:start', { taskId: 7, pid: 13, tag: 'j1.7' });
    expect(activity.of({ pid: 13, tag: 'j1.7' })).toMatchObject({ jobId: 1 });
    expect(activity.of({ pid: 12, tag: 'j1.8' })).toBeUndefined();
  });
});
