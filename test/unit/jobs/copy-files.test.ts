import { readdirSync, writeFileSync, mkdirSync, symlinkSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBatches } from '../../../src/main/jobs/copy/make-batches.js';
import { planConflicts } from '../../../src/main/jobs/copy/plan-conflicts.js';
import { copyFiles } from '../../../src/workers/tasks/copy-files.js';
import { finishDirs, makeDir } from '../../../src/workers/tasks/make-dirs.js';
import { scanTree } from '../../../src/workers/tasks/scan-tree.js';
import { buildSampleTree, differences, removeTree, scratch, snapshot, tempFilesUnder } from '../../fixtures/jobs-tree.js';

let root: string;
beforeEach(() => {
  root = scratch();
});
afterEach(() => removeTree(root));

describe('copyFiles', () => {
  it('copies a whole tree identically: bytes, modes, mtimes, links, empty and read-only folders, odd names', async () => {
    const source = join(root, 'source');
    const destination = join(root, 'destination');
    mkdirSync(source);
    buildSampleTree(source);
    const scan = await scanTree(source);
    const plan = await planConflicts(scan.entries, destination, 'fail');
    expect(plan.conflicts).toEqual([]);
    const work = makeBatches(plan.entries, scan.base, { maxFiles: 5 });
    expect(work.batches.length).toBeGreaterThan(3);
    for (const batch of work.batches) {
      const results = await copyFiles(batch);
      expect(results.filter((r) => !r.ok)).toEqual([]);
    }
    expect(await finishDirs([...work.dirs, { destination, ...scan.root }])).toEqual({ done: work.dirs.length + 1, failures: [] });
    expect(differences(snapshot(source), snapshot(destination))).toEqual([]);
    expect(tempFilesUnder(destination)).toEqual([]);
    expect(readlinkSync(join(destination, 'dangling'))).toBe('does/not/exist');
  });

  it('returns a failed entry as data and copies the rest of the batch', async () => {
    writeFileSync(join(root, 'one'), '1');
    writeFileSync(join(root, 'three'), '3');
    const results = await copyFiles([
      { type: 'file', source: join(root, 'one'), destination: join(root, 'out/one'), size: 1 },
      { type: 'file', source: join(root, 'two'), destination: join(root, 'out/two'), size: 1 },
      { type: 'file', source: join(root, 'three'), destination: join(root, 'out/three'), size: 1 },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(results[1]).toMatchObject({
      ok: false,
      destination: join(root, 'out/two'),
      error: { name: 'CopyError', code: 'ENOENT', path: join(root, 'two'), transient: false },
    });
    expect(readdirSync(join(root, 'out')).sort()).toEqual(['one', 'three']);
  });

  it('verifies every file of a batch when asked', async () => {
    writeFileSync(join(root, 'a'), 'a');
    const [result] = await copyFiles([{ type: 'file', source: join(root, 'a'), destination: join(root, 'b'), size: 1 }], { verify: true });
    expect(result).toEqual({ ok: true, destination: join(root, 'b'), bytes: 1 });
  });

  it('makes folders, refusing to merge through a symlink, and replaces a file in the way when told to', async () => {
    mkdirSync(join(root, 'real'));
    symlinkSync('real', join(root, 'link'));
    await expect(makeDir({ destination: join(root, 'link') })).rejects.toThrow(/a symbolic link is in the way/);
    writeFileSync(join(root, 'file'), 'x');
    await expect(makeDir({ destination: join(root, 'file') })).rejects.toThrow(/a file is in the way/);
    await makeDir({ destination: join(root, 'file'), replace: true });
    expect(readdirSync(join(root, 'file'))).toEqual([]);
  });
});
