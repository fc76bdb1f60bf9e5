import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countPrimes } from '../../../src/workers/tasks/count-primes.js';
import { hashFile } from '../../../src/workers/tasks/hash-file.js';
import { patterned, removeTree, scratch } from '../../fixtures/jobs-tree.js';

let root: string;
beforeEach(() => {
  root = scratch();
});
afterEach(() => removeTree(root));

describe('hashFile', () => {
  it('gives the SHA-256 of small, empty and multi-chunk files', async () => {
    for (const data of [Buffer.from('abc'), Buffer.alloc(0), patterned(3 * 1024 * 1024 + 5)]) {
      const path = join(root, `f${data.length}`);
      writeFileSync(path, data);
      expect(await hashFile(path)).toBe(createHash('sha256').update(data).digest('hex'));
    }
    expect(await hashFile(join(root, 'f3'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('names a missing file', async () => {
    await expect(hashFile(join(root, 'nope'))).rejects.toThrow(`cannot read ${join(root, 'nope')}: it does not exist`);
  });
});

describe('countPrimes', () => {
  it('counts the primes in [start, end)', async () => {
    expect(await countPrimes([0, 100])).toBe(25);
    expect(await countPrimes([100, 200])).toBe(21);
    expect(await countPrimes([2, 3])).toBe(1);
    expect(await countPrimes([7, 7])).toBe(0);
    expect(await countPrimes([-10, 3])).toBe(1);
    expect(await countPrimes([0, 1_000_000])).toBe(78_498);
  });

  it('refuses what is not a range', async () => {
    await expect(countPrimes([5, 1])).rejects.toThrow(RangeError);
    await expect(countPrimes([0.5, 3])).rejects.toThrow(/whole numbers/);
    await expect(countPrimes(7 as never)).rejects.toThrow(/expected a pair/);
  });
});
