import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pathBytes } from '../../../src/shared/path-bytes.js';
import { scanTree } from '../../../src/workers/tasks/scan-tree.js';
import type { ScanResult } from '../../../src/shared/copy-types.js';
import { buildSampleTree, dirTime, fileTime, oddNames, removeTree, runAsUser, scratch } from '../../fixtures/jobs-tree.js';

let root: string;
beforeEach(() => {
  root = scratch();
});
afterEach(() => removeTree(root));

describe('scanTree', () => {
  it('lists files, folders and links with their metadata, parents first, never following links', async () => {
    buildSampleTree(root);
    const scan = await scanTree(root);
    expect(scan.kind).toBe('folder');
    expect(scan.base).toBe(root);
    expect(scan.problems).toEqual([]);
    const byPath = new Map(scan.entries.map((entry) => [entry.path, entry]));
    expect(byPath.get('a.txt')).toEqual({ path: 'a.txt', type: 'file', size: 6, mode: 0o640, mtimeMs: fileTime * 1000 });
    expect(byPath.get('script.sh')?.mode).toBe(0o755);
    expect(byPath.get('nested/deep/deeper/file.bin')?.size).toBe(200_000);
    expect(byPath.get('empty folder')).toMatchObject({ type: 'dir', size: 0 });
    expect(byPath.get('nested')?.mtimeMs).toBe(dirTime * 1000);
    expect(byPath.get('read-only')).toMatchObject({ type: 'dir', mode: 0o555 });
    expect(byPath.get('link-to-file')).toMatchObject({ type: 'symlink', linkTarget: 'a.txt' });
    expect(byPath.get('link-to-dir')).toMatchObject({ type: 'symlink', linkTarget: 'nested' });
    expect(byPath.get('dangling')).toMatchObject({ type: 'symlink', linkTarget: 'does/not/exist' });
    expect(byPath.get('nested/up-link')).toMatchObject({ type: 'symlink', linkTarget: '../a.txt' });
    // The link to a folder is not walked into.
    expect([...byPath.keys()].some((path) => path.startsWith('link-to-dir/'))).toBe(false);
    for (const name of oddNames) expect(byPath.get(name)).toMatchObject({ type: 'file', size: Buffer.byteLength(`content of ${name}`) });
    for (const [index, entry] of scan.entries.entries()) {
      const parent = entry.path.includes('/') ? entry.path.slice(0, entry.path.lastIndexOf('/')) : undefined;
      if (parent) expect(scan.entries.findIndex((e) => e.path === parent)).toBeLessThan(index);
    }
    const files = scan.entries.filter((e) => e.type === 'file');
    expect(scan.totals).toEqual({
      files: files.length,
      bytes: files.reduce((sum, e) => sum + e.size, 0),
      dirs: scan.entries.filter((e) => e.type === 'dir').length,
      links: 5,
    });
    expect(scan.root).toMatchObject({ mode: expect.any(Number) as number, mtimeMs: expect.any(Number) as number });
  });

  it('scans a single file as a one-entry list based at its folder', async () => {
    writeFileSync(join(root, 'only.txt'), 'x');
    const scan = await scanTree(join(root, 'only.txt'));
    expect(scan).toMatchObject({ kind: 'file', base: root, totals: { files: 1, bytes: 1, dirs: 0, links: 0 } });
    expect(scan.entries).toEqual([expect.objectContaining({ path: 'only.txt', type: 'file', size: 1 })]);
  });

  it('reports what it cannot copy as problems and goes on; a name that is not UTF-8 is listed byte for byte', async () => {
    writeFileSync(join(root, 'fine.txt'), 'ok');
    writeFileSync(Buffer.concat([Buffer.from(`${root}/bad-`), Buffer.from([0xff, 0xfe]), Buffer.from('.txt')]), 'x');
    execFileSync('mkfifo', [join(root, 'pipe')]);
    const scan = await scanTree(root);
    expect(scan.entries.map((e) => e.path)).toEqual(['bad-\udcff\udcfe.txt', 'fine.txt']);
    expect(Buffer.from(pathBytes(scan.entries[0]!.path))).toEqual(Buffer.concat([Buffer.from('bad-'), Buffer.from([0xff, 0xfe]), Buffer.from('.txt')]));
    expect(scan.problems).toEqual([expect.objectContaining({ path: 'pipe', code: 'ESPECIAL', message: expect.stringContaining('named pipe') as string })]);
  });

  it('reports an unreadable folder as a problem (run as an unprivileged user: root may read anything)', (context) => {
    mkdirSync(join(root, 'locked'));
    writeFileSync(join(root, 'locked/hidden.txt'), 'x');
    writeFileSync(join(root, 'visible.txt'), 'x');
    chmodSync(root, 0o755);
    chmodSync(join(root, 'locked'), 0o000);
    const outcome = runAsUser(['scan', root]);
    if (!outcome) return context.skip('cannot start a process as an unprivileged user here');
    const scan = outcome.result as ScanResult;
    expect(scan.entries.map((e) => e.path)).toEqual(['locked', 'visible.txt']);
    expect(scan.problems).toEqual([
      expect.objectContaining({ path: 'locked', code: 'EACCES', unlisted: true, message: expect.stringContaining(join(root, 'locked')) as string }),
    ]);
    // A resume lists it again, so the message says to fix it and resume.
    expect(scan.problems[0]!.message).toContain(`cannot read the folder ${join(root, 'locked')}: permission denied (EACCES). Nothing in it was copied`);
    expect(scan.problems[0]!.message).toContain('Once it can be read, resume the job');
  });

  it('walks only the folders it is given (those a first scan could not list), each listed itself first', async () => {
    mkdirSync(join(root, 'a/b'), { recursive: true });
    mkdirSync(join(root, 'c'));
    writeFileSync(join(root, 'a/b/x.txt'), 'x');
    writeFileSync(join(root, 'c/y.txt'), 'yy');
    writeFileSync(join(root, 'top.txt'), 'top');
    const scan = await scanTree(root, { folders: ['a/b', 'c'] });
    expect(scan.entries.map((e) => `${e.type} ${e.path}`)).toEqual(['dir a/b', 'file a/b/x.txt', 'dir c', 'file c/y.txt']);
    expect(scan.problems).toEqual([]);
    const whole = await scanTree(root, { folders: ['.'] });
    expect(whole.entries.map((e) => e.path)).toEqual((await scanTree(root)).entries.map((e) => e.path));
  });

  it('says what became of a folder to walk again that is gone or is no longer a folder (a link to one is not followed)', async () => {
    mkdirSync(join(root, 'elsewhere'));
    writeFileSync(join(root, 'elsewhere/secret.txt'), 's');
    execFileSync('ln', ['-s', 'elsewhere', join(root, 'linked')]);
    const scan = await scanTree(root, { folders: ['gone', 'linked'] });
    expect(scan.entries).toEqual([]);
    expect(scan.problems).toEqual([
      {
        path: 'gone',
        code: 'ENOENT',
        unlisted: true,
        message: expect.stringContaining(`cannot read the folder ${join(root, 'gone')}: it does not exist (any more) (ENOENT). Nothing in it was copied.`) as string,
      },
      { path: 'linked', code: 'ENOTDIR', unlisted: true, message: expect.stringContaining('it is no longer a folder (it is now a symbolic link)') as string },
    ]);
    await expect(scanTree(root, { folders: [''] })).rejects.toThrow('folders must be an array of relative folder paths');
  });

  it('says clearly when the source does not exist', async () => {
    await expect(scanTree(join(root, 'missing'))).rejects.toThrow(`cannot scan ${join(root, 'missing')}: it does not exist`);
  });

  it('walks 5,000 small files quickly', async () => {
    for (let d = 0; d < 10; d++) {
      mkdirSync(join(root, `d${d}`));
      for (let f = 0; f < 500; f++) writeFileSync(join(root, `d${d}`, `f${f}`), '');
    }
    const start = performance.now();
    const scan = await scanTree(root);
    const ms = performance.now() - start;
    expect(scan.totals).toMatchObject({ files: 5_000, dirs: 10 });
    // About 15 ms here; the bound only catches a walk gone quadratic.
    expect(ms).toBeLessThan(2000);
  });
});
