import { describe, expect, it } from 'vitest';
import type { JobResultItem, JobResultsPage } from '../../../src/shared/api.js';
import { outcomeText, readResults } from '../../../src/renderer/lib/results-reader.js';

/** A jobResults of `total` inputs whose result is the square, recording each request. */
function squares(total: number) {
  const requests: Array<[number, number]> = [];
  return {
    requests,
    jobResults: async (_id: number, fromSeq: number, limit: number): Promise<JobResultsPage> => {
      requests.push([fromSeq, limit]);
      if (limit > 1000) throw new Error(`limit ${limit} is over the API's 1000`);
      const end = Math.min(total, fromSeq + limit);
      const items = Array.from({ length: Math.max(0, end - fromSeq) }, (_, i): JobResultItem => ({ seq: fromSeq + i, input: String(fromSeq + i), state: 'done', result: String((fromSeq + i) ** 2) }));
      return { items, nextSeq: end < total ? end : null, total };
    },
  };
}

describe('reading results for the Results table', () => {
  it('reads one page when it is enough, and says where the next one starts', async () => {
    const client = squares(250);
    const page = await readResults(client, 1, 100, 100);
    expect(page.items.map((item) => item.seq)).toEqual(Array.from({ length: 100 }, (_, i) => 100 + i));
    expect(page).toMatchObject({ nextSeq: 200, total: 250 });
    expect(client.requests).toEqual([[100, 100]]);
  });

  it('re-reads more rows than one request may carry in requests of at most 1000', async () => {
    const client = squares(5000);
    const page = await readResults(client, 1, 0, 2300);
    expect(page.items).toHaveLength(2300);
    expect(page.nextSeq).toBe(2300);
    expect(client.requests).toEqual([
      [0, 1000],
      [1000, 1000],
      [2000, 300],
    ]);
  });

  it('stops at the last input', async () => {
    const client = squares(150);
    expect(await readResults(client, 1, 100, 100)).toMatchObject({ nextSeq: null, total: 150 });
    expect((await readResults(client, 1, 0, 1200)).items).toHaveLength(150);
    expect(client.requests.at(-1)).toEqual([0, 1000]);
  });

  it('shows a result, an error in red, or the state of an input not done', () => {
    expect(outcomeText({ seq: 0, input: '1', state: 'done', result: '{"a":1}' })).toEqual({ text: '{"a":1}', tone: 'ok' });
    expect(outcomeText({ seq: 0, input: '1', state: 'failed', error: 'RangeError: no' })).toEqual({ text: 'RangeError: no', tone: 'bad' });
    expect(outcomeText({ seq: 0, input: '1', state: 'pending' })).toEqual({ text: 'pending', tone: 'muted' });
  });
});
