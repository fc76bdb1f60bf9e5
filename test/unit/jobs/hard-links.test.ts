/**
 * Issue 14: two names of one file in the source became two files in the destination. As
 * with `cp -a`, they are two names of one file there too: the first name is copied, the
 * others are made links to its copy, in its batch, after it.
 */
import { linkSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planHardLinks } from '../../../src/main/jobs/copy/hard-links.js';
import { makeBatches } from '../../../src/main/jobs/copy/make-batches.js';
import { planConflicts, type PlannedEntry } from '../../../src/main/jobs/copy/plan-conflicts.js';
import type { ScanEntry } from '../../../src/shared/copy-types.js';
import { copyFiles } from '../../../src/workers/tasks/copy-files.js';
import { scanTree } from '../../../src/workers/tasks/scan-tree.js';
import { removeTree, scratch, tempFilesUnder } from '../../fixtures/jobs-tree.js';

let root: string;
beforeEach(() => {
  root = scratch();
});
afterEach(() => removeTree(root));

const file = (path: string, inode?: string): ScanEntry => ({ path, type: 'file', size: 10, mode: 0o644, mtimeMs: 0, ...(inode && { inode }) });
const planned = (entry: ScanEntry, action: PlannedEntry['action'] = 'copy'): PlannedEntry => ({ entry, destination: `/dst/${entry.path}`, action });

describe('planHardLinks', () => {
  it("moves a file's names together to its last name's place, the first copied, the others links to its copy", () => {
    const entries = [
      planned(file('one', '1:7')),
      planned(file('other')),
      planned({ path: 'sub', type: 'dir', size: 0, mode: 0o755, mtimeMs: 0 }),
      planned(file('sub/two', '1:7')),
      planned(file('three', '1:7')),
    ];
    expect(planHardLinks(entries).map(({ entry, action, linkTo }) => [entry.path, action, linkTo])).toEqual([
      ['other', 'copy', undefined],
      ['sub', 'copy', undefined],
      ['one', 'copy', undefined],
      ['sub/two', 'hardlink', '/dst/one'],
      ['three', 'hardlink', '/dst/one'],
    ]);
  });

  it('links no name the plan skips or fails, nor a file whose other names are not copied', () => {
    const entries = [planned(file('kept', '1:1'), 'skip'), planned(file('copied', '1:1')), planned(file('renamed', '1:1'), 'rename'), planned(file('alone', '1:2'))];
    expect(planHardLinks(entries).map(({ entry, action }) => [entry.path, action])).toEqual([
      ['kept', 'skip'],
      ['copied', 'copy'],
      ['renamed', 'hardlink'],
      ['alone', 'copy'],
    ]);
    const plain = [planned(file('a')), planned(file('b'))];
    expect(planHardLinks(plain)).toBe(plain);
  });

  it("keeps a file's names in one batch, however small the batches", () => {
    const entries = planHardLinks([planned(file('a', '1:1')), planned(file('b')), planned(file('c', '1:1')), planned(file('d', '1:1'))]);
    const batches = makeBatches(entries, '/src', { maxFiles: 1 }).batches;
    expect(batches.map((batch) => batch.map((item) => [item.type, item.destination]))).toEqual([
      [['file', '/dst/b']],
      [
        ['file', '/dst/a'],
        ['hardlink', '/dst/c'],
        ['hardlink', '/dst/d'],
      ],
    ]);
  });
});

describe('copying hard links', () => {
  it('makes the names of one file in the source names of one file in the copy, in whatever folders', async () => {
    const source = join(root, 'source');
    mkdirSync(join(source, 'elsewhere'), { recursive: true });
    writeFileSync(join(source, 'first.txt'), 'one file, three names');
    linkSync(join(source, 'first.txt'), join(source, 'second.txt'));
    linkSync(join(source, 'first.txt'), join(source, 'elsewhere', 'third.txt'));
    writeFileSync(join(source, 'single.txt'), 'one name');
    const scan = await scanTree(source);
    expect(scan.entries.filter((entry) => entry.inode !== undefined)).toHaveLength(3);
    const destination = join(root, 'copy');
    const plan = await planConflicts(scan.entries, destination, 'fail');
    for (const batch of makeBatches(planHardLinks(plan.entries), scan.base, { maxFiles: 1 }).batches) {
      expect((await copyFiles(batch)).filter((result) => !result.ok)).toEqual([]);
    }
    const names = ['first.txt', 'second.txt', 'elsewhere/third.txt'].map((name) => join(destination, name));
    expect(new Set(names.map((name) => lstatSync(name).ino)).size).toBe(1);
    expect(lstatSync(names[0]!).nlink).toBe(3);
    expect(names.map((name) => readFileSync(name, 'utf8'))).toEqual(Array(3).fill('one file, three names'));
    expect(lstatSync(join(destination, 'single.txt')).nlink).toBe(1);
    expect(tempFilesUnder(destination)).toEqual([]);
  });

  it("a name whose file's copy is not there fails saying so, and leaves nothing", async () => {
    const [result] = await copyFiles([{ type: 'hardlink', source: join(root, 'b'), destination: join(root, 'out', 'b'), target: join(root, 'out', 'a') }]);
    expect(result).toMatchObject({ ok: false, error: { code: 'ENOENT', message: expect.stringContaining('is not there, as it failed or is not made yet') as string } });
    expect(tempFilesUnder(root)).toEqual([]);
  });
});
