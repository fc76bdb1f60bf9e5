import { describe, expect, it } from 'vitest';
import { EOFError, Pipe, ValueError } from '../../../src/main/index.js';

describe('Pipe in the parent', () => {
  it('duplex: both ends send and receive, in order', async () => {
    const [a, b] = Pipe<string>();
    a.send('to b 1');
    a.send('to b 2');
    b.send('to a');
    expect(await b.recv()).toBe('to b 1');
    expect(await b.recv()).toBe('to b 2');
    expect(await a.recv()).toBe('to a');
  });

  it('one-way: a receives, b sends', async () => {
    const [a, b] = Pipe<number>(false);
    expect([a.readable, a.writable, b.readable, b.writable]).toEqual([true, false, false, true]);
    expect(() => a.send(1)).toThrow(ValueError);
    await expect(b.recv()).rejects.toThrow(ValueError);
    b.send(7);
    expect(await a.recv()).toBe(7);
  });

  it('poll() says whether something waits, waiting up to its timeout', async () => {
    const [a, b] = Pipe<number>();
    expect(await a.poll()).toBe(false);
    expect(await a.poll(20)).toBe(false);
    const polled = a.poll(5_000);
    b.send(1);
    expect(await polled).toBe(true);
    expect(await a.recv()).toBe(1);
  });

  it('recv() on a closed peer delivers what is left, then rejects with EOFError', async () => {
    const [a, b] = Pipe<number>();
    const waiting = a.recv();
    b.send(1);
    expect(await waiting).toBe(1);
    b.send(2);
    b.close();
    expect(await a.poll()).toBe(true);
    expect(await a.recv()).toBe(2);
    await expect(a.recv()).rejects.toThrow(EOFError);
    const [c, d] = Pipe();
    const pending = c.recv();
    d.close();
    await expect(pending).rejects.toThrow(EOFError);
    expect(() => d.send(1)).toThrow(ValueError);
    expect(() => c.send(1)).toThrow(EOFError);
  });
});
