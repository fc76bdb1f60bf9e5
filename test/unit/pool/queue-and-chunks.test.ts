import { describe, expect, it } from 'vitest';
import { checkChunksize, defaultChunksize } from '../../../src/main/pool/chunking.js';
import { Deque } from '../../../src/shared/deque.js';
import { createTask, type Task } from '../../../src/main/pool/task.js';
import { AsyncResult } from '../../../src/main/pool/async-result.js';
import { ProcessStateError, TimeoutError } from '../../../src/main/index.js';

const task = (): Task => createTask('call', { source: '() => 1' }, { value: [[]], refs: false }, {}, () => {});

describe('chunking', () => {
  it("follows Python's default chunksize", () => {
    expect(defaultChunksize(200_000, 2)).toBe(25_000);
    expect(defaultChunksize(10, 3)).toBe(1);
    expect(defaultChunksize(0, 4)).toBe(1);
    expect(() => checkChunksize(0)).toThrow(RangeError);
    expect(() => checkChunksize(1.5)).toThrow(RangeError);
  });
});

describe('Deque', () => {
  it('is first in, first out, with unshiftAll, remove and drain', () => {
    const queue = new Deque<Task>();
    const tasks = Array.from({ length: 3000 }, task);
    tasks.forEach((t) => queue.push(t));
    for (let i = 0; i < 2000; i++) expect(queue.shift()).toBe(tasks[i]);
    expect(queue.length).toBe(1000);
    const back = [task(), task()];
    queue.unshiftAll(back);
    expect(queue.peek()).toBe(back[0]);
    expect(queue.remove(tasks[2500]!)).toBe(true);
    expect(queue.remove(tasks[2500]!)).toBe(false);
    expect(queue.drain()).toHaveLength(1001);
    expect(queue.shift()).toBeUndefined();
  });
});

describe('AsyncResult', () => {
  it('settles once and times out without losing the result', async () => {
    const result = new AsyncResult<number>();
    await expect(result.get(20)).rejects.toThrow(TimeoutError);
    expect(() => result.successful()).toThrow(ProcessStateError);
    result.resolve(5);
    result.reject(new Error('late'));
    expect(await result.get(0)).toBe(5);
    expect(result.successful()).toBe(true);
  });
});
