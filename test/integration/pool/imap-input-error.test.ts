/**
 * An input that fails part-way: what was taken from it before is still computed and
 * delivered, then the input's error, as the last thing the iterator gives (Python's imap
 * does the same; its imap_unordered too, since the error travels as one more task).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ImapIterator, Pool } from '../../../src/main/index.js';

const pool = new Pool(2);
afterAll(() => pool.terminate());

function* tenThenFail(): Generator<number> {
  for (let i = 0; i < 10; i++) yield i;
  throw new Error('the input broke after 10 items');
}

async function* tenThenFailAsync(): AsyncGenerator<number> {
  yield* tenThenFail();
}

/** Everything the iterator gives: its values, then the error it ends with. */
async function drain(results: ImapIterator<number>): Promise<{ values: number[]; error?: Error }> {
  const values: number[] = [];
  try {
    for await (const value of results) values.push(value);
  } catch (error) {
    return { values, error: error as Error };
  }
  return { values };
}

const squares = Array.from({ length: 10 }, (_, i) => i * i);
const square = (x: number) => x * x;

describe('imap over an input that throws after 10 items', () => {
  it.each([1, 3, 4])('imapUnordered (chunksize %i) delivers the 10 results, then the error', async (chunksize) => {
    const { values, error } = await drain(pool.imapUnordered(square, tenThenFail(), { chunksize }));
    expect([...values].sort((a, b) => a - b)).toEqual(squares);
    expect(error?.message).toBe('the input broke after 10 items');
  });

  it.each([1, 3, 4])('imap (chunksize %i) delivers every result before the failing position, in order, then the error', async (chunksize) => {
    const { values, error } = await drain(pool.imap(square, tenThenFail(), { chunksize }));
    expect(values).toEqual(squares);
    expect(error?.message).toBe('the input broke after 10 items');
  });

  it('an async input does the same, and after the error the iterator is done', async () => {
    const results = pool.imapUnordered<number>(square, tenThenFailAsync(), { chunksize: 4 });
    const { values, error } = await drain(results);
    expect(values).toHaveLength(10);
    expect(error?.message).toBe('the input broke after 10 items');
    expect(await results.next()).toEqual({ done: true, value: undefined });
  });
});
