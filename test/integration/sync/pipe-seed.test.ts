/** The seed program on Pipe, and a Pipe end used in a worker. */
import { describe, expect, it } from 'vitest';
import { EOFError, Event, Pipe, Process } from '../../../src/main/index.js';
import { task } from './fixture.js';

describe('Pipe seed', () => {
  it('seed 4: five processes send their index through one end; the parent receives all five from the other', async () => {
    const [fd1, fd2] = Pipe<number>();
    const jobs = Array.from({ length: 5 }, (_, i) => new Process({ target: task('sendIndex'), args: [fd1, i] }));
    for (const p of jobs) p.start();
    const received = [];
    for (let i = 0; i < 5; i++) received.push(await fd2.recv());
    for (const p of jobs) await p.join();
    expect(received.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(jobs.map((p) => p.exitcode)).toEqual([0, 0, 0, 0, 0]);
    fd1.close();
    await expect(fd2.recv()).rejects.toThrow(EOFError);
  });

  it('a worker waits on an Event and answers through a one-way pipe', async () => {
    const [reader, writer] = Pipe<string>(false);
    const event = new Event();
    const p = new Process({ target: task('waitForEvent'), args: [event, writer] });
    p.start();
    expect(await reader.poll(100)).toBe(false);
    event.set();
    expect(await reader.poll(10_000)).toBe(true);
    expect(await reader.recv()).toBe('event seen');
    await p.join();
  });
});
