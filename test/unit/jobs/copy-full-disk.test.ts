import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile } from '../../../src/workers/tasks/copy-file.js';
import { patterned, removeTree, scratch } from '../../fixtures/jobs-tree.js';

// A real full disk: a 1 MiB tmpfs, where mounting one is allowed (root on Linux).
let root: string;
let disk: string | undefined;
let why = '';

beforeAll(() => {
  root = scratch();
  const mountPoint = join(root, 'small-disk');
  mkdirSync(mountPoint);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint], { stdio: 'pipe' });
    disk = mountPoint;
  } catch (error) {
    why = `cannot mount a small tmpfs here (${String((error as Error).message).split('\n')[0]})`;
  }
});

afterAll(() => {
  if (disk) execFileSync('umount', [disk]);
  removeTree(root);
});

describe('copyFile onto a full disk', () => {
  it('fails a large file with ENOSPC, names the file, and removes the partial copy', async (context) => {
    if (!disk) return context.skip(why);
    const source = join(root, 'large.bin');
    writeFileSync(source, patterned(3 * 1024 * 1024));
    const destination = join(disk, 'large.bin');
    await expect(copyFile({ source, destination })).rejects.toMatchObject({
      name: 'CopyError',
      code: 'ENOSPC',
      path: destination,
      message: expect.stringMatching(new RegExp(`^cannot write ${destination}: no space left on the device \\(ENOSPC\\)\\. Free some space`)) as string,
    });
    expect(readdirSync(disk)).toEqual([]);
  });

  it('fails a small file the same way when the disk is already full', async (context) => {
    if (!disk) return context.skip(why);
    writeFileSync(join(disk, 'filler'), Buffer.alloc(700 * 1024));
    const source = join(root, 'small.bin');
    writeFileSync(source, patterned(500 * 1024));
    const destination = join(disk, 'small.bin');
    await expect(copyFile({ source, destination })).rejects.toMatchObject({ code: 'ENOSPC', path: destination });
    expect(readdirSync(disk)).toEqual(['filler']);
  });
});
