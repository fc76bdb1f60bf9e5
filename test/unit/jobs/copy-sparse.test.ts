/**
 * Issue 14: a 10 GB file that is one hole wrote 10 GB of zeros. A sparse file stays sparse,
 * as with `cp -a`: its holes are not written, yet its copy has every byte of it, and
 * progress counts the file's size.
 */
import { closeSync, lstatSync, openSync, readSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileWith } from '../../../src/workers/tasks/copy-file.js';
import { copyFiles } from '../../../src/workers/tasks/copy-files.js';
import { patterned, removeTree, scratch } from '../../fixtures/jobs-tree.js';

const MiB = 1024 * 1024;
/** Big enough that writing its zeros shows (a file is allocated in 4 KiB blocks), small enough to read fast. */
const size = 128 * MiB;

let root: string;
beforeEach(() => {
  root = scratch();
});
afterEach(() => removeTree(root));

/** A file of `size` bytes that is a hole but for 100 KB of data at its start and the last 3 bytes. */
function sparseFile(name: string): string {
  const path = join(root, name);
  const fd = openSync(path, 'w');
  writeSync(fd, patterned(100_000), 0, 100_000, 0);
  writeSync(fd, Buffer.from('end'), 0, 3, size - 3);
  closeSync(fd);
  truncateSync(path, size);
  return path;
}

/** Whether two files hold the same bytes, read 1 MiB at a time. */
function sameBytes(a: string, b: string): boolean {
  const [fa, fb] = [openSync(a, 'r'), openSync(b, 'r')];
  const [ba, bb] = [Buffer.alloc(MiB), Buffer.alloc(MiB)];
  try {
    for (let position = 0; ; position += MiB) {
      const [ra, rb] = [readSync(fa, ba, 0, MiB, position), readSync(fb, bb, 0, MiB, position)];
      if (ra !== rb || !ba.subarray(0, ra).equals(bb.subarray(0, rb))) return false;
      if (ra === 0) return true;
    }
  } finally {
    closeSync(fa);
    closeSync(fb);
  }
}

/** Bytes the file takes on disk. */
const allocated = (path: string): number => lstatSync(path).blocks * 512;

describe('a sparse file', () => {
  it('is copied with its holes: every byte the same, but only its data blocks written; progress counts its whole size', async () => {
    const source = sparseFile('sparse.img');
    expect(allocated(source)).toBeLessThan(MiB);
    const destination = join(root, 'copy.img');
    const reports: number[] = [];
    const result = await copyFileWith({ source, destination, size }, { onBytes: (done) => reports.push(done) });
    expect(result.bytes).toBe(size);
    expect(lstatSync(destination).size).toBe(size);
    expect(sameBytes(source, destination)).toBe(true);
    expect(allocated(destination)).toBeLessThan(MiB);
    expect(reports.at(-1)).toBe(size);
  });

  it('that ends in a hole keeps its size; one copied in a batch stays sparse too', async () => {
    const source = join(root, 'tail-hole.img');
    const fd = openSync(source, 'w');
    writeSync(fd, Buffer.from('head'));
    closeSync(fd);
    truncateSync(source, 40 * MiB + 5);
    const [result] = await copyFiles([{ type: 'file', source, destination: join(root, 'tail.copy'), size: 40 * MiB + 5 }]);
    expect(result).toEqual({ ok: true, destination: join(root, 'tail.copy'), bytes: 40 * MiB + 5 });
    expect(lstatSync(join(root, 'tail.copy')).size).toBe(40 * MiB + 5);
    expect(sameBytes(source, join(root, 'tail.copy'))).toBe(true);
    expect(allocated(join(root, 'tail.copy'))).toBeLessThan(MiB);
  });

  it('a file that is not sparse is written whole, its zeros included (cp --sparse=auto)', async () => {
    const source = join(root, 'zeros.bin');
    const fd = openSync(source, 'w');
    writeSync(fd, Buffer.alloc(4 * MiB));
    closeSync(fd);
    await copyFileWith({ source, destination: join(root, 'zeros.copy') });
    expect(allocated(join(root, 'zeros.copy'))).toBeGreaterThanOrEqual(4 * MiB);
  });
});
