import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScanEntry } from '../../../src/shared/copy-types.js';
import { keepBothName } from '../../../src/main/jobs/copy/keep-both-name.js';
import { planConflicts, type ConflictPlan } from '../../../src/main/jobs/copy/plan-conflicts.js';
import { JobInputError } from '../../../src/shared/errors.js';
import { removeTree, scratch } from '../../fixtures/jobs-tree.js';

let dest: string;
beforeEach(() => {
  dest = scratch();
});
afterEach(() => removeTree(dest));

const file = (path: string): ScanEntry => ({ path, type: 'file', size: 1, mode: 0o644, mtimeMs: 0 });
const dir = (path: string): ScanEntry => ({ path, type: 'dir', size: 0, mode: 0o755, mtimeMs: 0 });
const link = (path: string): ScanEntry => ({ path, type: 'symlink', size: 0, mode: 0o777, mtimeMs: 0, linkTarget: 'x' });

/** Source entries, with a destination that already holds: same.txt, a folder `shared/` with old.txt, `clash` (a file where a folder comes), `folder-here/`. */
const entries = [
  file('new.txt'),
  file('same.txt'),
  dir('shared'),
  file('shared/old.txt'),
  file('shared/fresh.txt'),
  dir('clash'),
  file('clash/inner.txt'),
  file('folder-here'),
  link('link.txt'),
];

beforeEach(() => {
  writeFileSync(join(dest, 'same.txt'), 'old');
  mkdirSync(join(dest, 'shared'));
  writeFileSync(join(dest, 'shared/old.txt'), 'old');
  writeFileSync(join(dest, 'clash'), 'a file');
  mkdirSync(join(dest, 'folder-here'));
  writeFileSync(join(dest, 'link.txt'), 'old');
});

const actions = (plan: ConflictPlan): Record<string, string> =>
  Object.fromEntries(plan.entries.map((p) => [p.entry.path, `${p.action} ${p.destination.slice(dest.length + 1)}`]));

describe('planConflicts', () => {
  it('fail: lists every conflict so the job can stop before changing anything', async () => {
    const plan = await planConflicts(entries, dest, 'fail');
    // In the order of the entries (parents first, as scanTree lists them).
    expect(plan.conflicts.map((c) => [c.path, c.existing, c.incoming])).toEqual([
      ['same.txt', 'file', 'file'],
      ['shared/old.txt', 'file', 'file'],
      ['clash', 'file', 'dir'],
      ['folder-here', 'dir', 'file'],
      ['link.txt', 'file', 'symlink'],
    ]);
    expect(actions(plan)).toMatchObject({ 'new.txt': 'copy new.txt', shared: 'merge shared', 'shared/fresh.txt': 'copy shared/fresh.txt' });
    expect(plan.entries.find((p) => p.entry.path === 'same.txt')?.reason).toBe(`a file already exists at ${join(dest, 'same.txt')}`);
  });

  it('skip: leaves what exists alone, including everything inside a skipped folder', async () => {
    const plan = await planConflicts(entries, dest, 'skip');
    expect(actions(plan)).toEqual({
      'new.txt': 'copy new.txt',
      'same.txt': 'skip same.txt',
      shared: 'merge shared',
      'shared/old.txt': 'skip shared/old.txt',
      'shared/fresh.txt': 'copy shared/fresh.txt',
      clash: 'skip clash',
      'clash/inner.txt': 'skip clash/inner.txt',
      'folder-here': 'skip folder-here',
      'link.txt': 'skip link.txt',
    });
  });

  it('overwrite: replaces files and links, a file by a folder, but never a folder by a file', async () => {
    const plan = await planConflicts(entries, dest, 'overwrite');
    expect(actions(plan)).toEqual({
      'new.txt': 'copy new.txt',
      'same.txt': 'overwrite same.txt',
      shared: 'merge shared',
      'shared/old.txt': 'overwrite shared/old.txt',
      'shared/fresh.txt': 'copy shared/fresh.txt',
      clash: 'overwrite clash',
      'clash/inner.txt': 'copy clash/inner.txt',
      'folder-here': 'fail folder-here',
      'link.txt': 'overwrite link.txt',
    });
    expect(plan.entries.find((p) => p.entry.path === 'folder-here')?.reason).toMatch(/overwrite never replaces a folder/);
    expect(plan.entries.find((p) => p.entry.path === 'clash')?.existing).toBe('file');
  });

  it('rename: keeps both, numbering past names that exist or are coming, and a renamed folder takes its contents along', async () => {
    writeFileSync(join(dest, 'same (1).txt'), 'taken');
    const plan = await planConflicts([...entries, file('same (2).txt')], dest, 'rename');
    expect(actions(plan)).toEqual({
      'new.txt': 'copy new.txt',
      'same.txt': 'rename same (3).txt',
      'same (2).txt': 'copy same (2).txt',
      shared: 'merge shared',
      'shared/old.txt': 'rename shared/old (1).txt',
      'shared/fresh.txt': 'copy shared/fresh.txt',
      clash: 'rename clash (1)',
      'clash/inner.txt': 'copy clash (1)/inner.txt',
      'folder-here': 'rename folder-here (1)',
      'link.txt': 'rename link (1).txt',
    });
  });

  it('never merges into a symlink at the destination, even one to a folder', async () => {
    mkdirSync(join(dest, 'elsewhere'));
    symlinkSync('elsewhere', join(dest, 'sub'));
    const plan = await planConflicts([dir('sub'), file('sub/x')], dest, 'skip');
    expect(actions(plan)).toEqual({ sub: 'skip sub', 'sub/x': 'skip sub/x' });
    expect(plan.conflicts).toEqual([{ path: 'sub', destination: join(dest, 'sub'), existing: 'symlink', incoming: 'dir' }]);
  });

  it('plans into a destination that does not exist without conflicts, keeping the input order', async () => {
    const shuffled = [file('a/b/c.txt'), dir('a/b'), dir('a')];
    const plan = await planConflicts(shuffled, join(dest, 'new'), 'fail');
    expect(plan.conflicts).toEqual([]);
    expect(plan.entries.map((p) => `${p.action} ${p.entry.path}`)).toEqual(['copy a/b/c.txt', 'copy a/b', 'copy a']);
  });

  it('refuses an unknown policy', async () => {
    await expect(planConflicts([], dest, 'merge' as never)).rejects.toThrow(JobInputError);
  });
});

describe('keepBothName', () => {
  const none = (): boolean => false;
  it('numbers before the last extension, not for folders and dotfiles', () => {
    expect(keepBothName('report.pdf', false, none)).toBe('report (1).pdf');
    expect(keepBothName('archive.tar.gz', false, none)).toBe('archive.tar (1).gz');
    expect(keepBothName('v1.2', true, none)).toBe('v1.2 (1)');
    expect(keepBothName('.bashrc', false, none)).toBe('.bashrc (1)');
    expect(keepBothName('a.txt', false, (name) => name !== 'a (3).txt')).toBe('a (3).txt');
  });

  it('stays within 255 bytes without splitting a character', () => {
    const name = `${'日'.repeat(84)}.txt`; // 252 + 4 bytes
    const renamed = keepBothName(name, false, none);
    expect(Buffer.byteLength(renamed)).toBeLessThanOrEqual(255);
    expect(renamed).toMatch(/^日+ \(1\)\.txt$/);
  });
});

describe('planConflicts within a folder planned before (a folder a retry lists again)', () => {
  it('plans the contents inside the folder’s destination, by the same rules', async () => {
    const plan = await planConflicts([file('old.txt'), file('fresh.txt')], join(dest, 'shared'), 'skip');
    expect(plan.entries.map((e) => [e.destination, e.action])).toEqual([
      [join(dest, 'shared', 'old.txt'), 'skip'],
      [join(dest, 'shared', 'fresh.txt'), 'copy'],
    ]);
  });

  it('a folder that was not copied takes its contents with it, whatever is at the destination', async () => {
    const blocked = { action: 'skip' as const, reason: 'its folder was not copied: a file already exists at x' };
    const plan = await planConflicts([file('a.txt'), dir('sub'), file('sub/b.txt')], join(dest, 'clash'), 'skip', { blocked });
    expect(plan.entries.map((e) => [e.entry.path, e.action, e.reason])).toEqual([
      ['a.txt', 'skip', blocked.reason],
      ['sub', 'skip', blocked.reason],
      ['sub/b.txt', 'skip', blocked.reason],
    ]);
    expect(plan.conflicts).toEqual([]);
  });
});
