import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFolders, makeFoldersSync } from '../../../src/workers/tasks/make-folders.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'procpool-make-folders-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** /proc refuses mkdir with ENOENT under a folder that exists: where Node's recursive mkdir spins. */
const procRefuses = ((): boolean => {
  try {
    mkdirSync('/proc/procpool-probe');
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' && statSync('/proc').isDirectory();
  }
})();

const flavours = [
  ['makeFolders', (path: string, mode?: number) => makeFolders(path, mode)],
  ['makeFoldersSync', async (path: string, mode?: number) => makeFoldersSync(path, mode)],
] as const;

describe.each(flavours)('%s', (_name, make) => {
  it('makes every missing folder of the path, with the mode asked for', async () => {
    const deep = join(root, 'a', 'b', 'c');
    await make(deep, 0o750);
    expect(statSync(deep).isDirectory()).toBe(true);
    const mode = statSync(join(root, 'a')).mode & 0o777;
    expect(mode & 0o700).toBe(0o700);
    expect(mode & ~0o750).toBe(0); // at most what was asked (the umask may take more)
  });

  it('an existing folder is fine', async () => {
    await make(root);
    await make(join(root, 'x'));
    await make(join(root, 'x'));
    expect(statSync(join(root, 'x')).isDirectory()).toBe(true);
  });

  it('a file in the way fails with EEXIST; a file further up with ENOTDIR', async () => {
    writeFileSync(join(root, 'file'), 'x');
    await expect(make(join(root, 'file'))).rejects.toMatchObject({ code: 'EEXIST' });
    await expect(make(join(root, 'file', 'below', 'deeper'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it.skipIf(!procRefuses)('a file system that refuses folders (/proc) fails at once with ENOTSUP, naming it, instead of spinning', async () => {
    const error = (await make('/proc/procpool-test/inner').catch((e: unknown) => e)) as NodeJS.ErrnoException;
    expect(error.code).toBe('ENOTSUP');
    expect(error.message).toBe('the file system of /proc does not allow folders to be made in it');
  });
});

it('makeFolders: calls racing to make the same folders all succeed', async () => {
  const paths = Array.from({ length: 8 }, (_, i) => join(root, 'shared', 'tree', `leaf-${i % 2}`));
  await Promise.all(paths.map((path) => makeFolders(path)));
  for (const path of paths) expect(statSync(path).isDirectory()).toBe(true);
});
