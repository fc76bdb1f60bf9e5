import { describe, expect, it } from 'vitest';
import { accessRefused } from '../../../src/renderer/lib/access-refused.js';

describe('telling a refused page from a server that is down', () => {
  it('asks the API with the token: refused on a 403, not on a 204, not when nothing answers', async () => {
    const asked: Array<[string, RequestInit]> = [];
    const answer = (status: number) => (url: string, init: RequestInit) => {
      asked.push([url, init]);
      return Promise.resolve({ status });
    };
    expect(await accessRefused('abc', answer(403))).toBe(true);
    expect(await accessRefused('abc', answer(204))).toBe(false);
    expect(await accessRefused('abc', () => Promise.reject(new TypeError('Failed to fetch')))).toBe(false);
    expect(asked[0]).toEqual(['/api', { method: 'HEAD', cache: 'no-store', headers: { authorization: 'Bearer abc' } }]);
  });

  it('is refused without asking when the page has no token at all', async () => {
    expect(await accessRefused(undefined, () => Promise.reject(new Error('not asked')))).toBe(true);
  });
});
