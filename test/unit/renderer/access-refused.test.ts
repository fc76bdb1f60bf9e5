import { describe, expect, it } from 'vitest';
import { accessRefused } from '../../../src/renderer/lib/access-refused.js';

describe('telling a refused page from a server that is down', () => {
  it('is refused on a 403, not on a page served, not when nothing answers', async () => {
    expect(await accessRefused(() => Promise.resolve({ status: 403 }))).toBe(true);
    expect(await accessRefused(() => Promise.resolve({ status: 200 }))).toBe(false);
    expect(await accessRefused(() => Promise.reject(new TypeError('Failed to fetch')))).toBe(false);
  });
});
