import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeLeftoverTemps, removeLeftoverTempsIn } from '../../../src/main/jobs/copy/remove-leftover-temps.js';
import { isTempName, tempWriterPid } from '../../../src/shared/temp-name-pattern.js';
import { tempPathFor } from '../../../src/workers/tasks/temp-name.js';
import { removeTree, scratch, snapshot } from '../../fixtures/jobs-tree.js';

let root: string;
beforeEach(() => {
  root = scratch();
});
afterEach(() => removeTree(root));

describe('temporary names', () => {
  it('the parent recognises every name a worker writes under, and only those', () => {
    for (const name of ['a.txt', 'Ünïcødé 🎉', 'line\nbreak', '.hidden', 'x'.repeat(255), `${'日'.repeat(85)}`]) {
      const temp = basename(tempPathFor(join(root, name)));
      expect(isTempName(temp)).toBe(true);
      expect(tempWriterPid(temp)).toBe(process.pid);
      expect(Buffer.byteLength(temp)).toBeLessThanOrEqual(255);
    }
    for (const name of ['a.txt', '.a.txt.procpool-tmp-', '.a.procpool-tmp-12-zzzzzzzz', 'a.procpool-tmp-1-abcdef01', '.a.procpool-tmp-1-abcdef012']) {
      expect(isTempName(name)).toBe(false);
      expect(tempWriterPid(name)).toBeUndefined();
    }
  });
});

describe('removeLeftoverTemps', () => {
  it('removes the temporary files and links of writers gone, anywhere in the tree, and nothing else', async () => {
    mkdirSync(join(root, 'sub/deeper'), { recursive: true });
    // A process that has run and exited: nobody will finish what it left.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const leftover = (path: string) => basename(tempPathFor(path)).replace(`-${process.pid}-`, `-${gone}-`);
    const temps = [join(root, leftover('a.txt')), join(root, 'sub/deeper', leftover('b')), join(root, 'sub', leftover('Ünï\ncødé'))];
    for (const temp of temps.slice(0, 2)) writeFileSync(temp, 'partial');
    symlinkSync('target', temps[2]!);
    writeFileSync(join(root, 'a.txt'), 'keep');
    writeFileSync(join(root, 'sub/.b.procpool-tmp-notours'), 'keep');
    // A live writer's file may be another job's copy in progress (here a child of ours, as a pool's worker is).
    const writer = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    const inProgress = join(root, 'sub', leftover('c').replace(`-${gone}-`, `-${writer.pid}-`));
    writeFileSync(inProgress, 'being written');
    // A link to a folder outside is not followed.
    const outside = scratch();
    writeFileSync(tempPathFor(join(outside, 'x')), 'not ours to touch');
    symlinkSync(outside, join(root, 'sub/link-out'));
    const result = await removeLeftoverTemps(root);
    expect(result.removed.sort()).toEqual([...temps].sort());
    expect(result.problems).toEqual([]);
    expect(Object.keys(snapshot(root))).toEqual(['a.txt', 'sub', 'sub/.b.procpool-tmp-notours', `sub/${basename(inProgress)}`, 'sub/deeper', 'sub/link-out']);
    expect(readdirSync(outside)).toHaveLength(1);
    removeTree(outside);
    writer.kill();
  });

  it("waits for a writer that is not ours to be gone (a dead owner's worker dying a moment late), then removes its file", async () => {
    // A process whose parent has already left, as the workers of a killed procpool are for a moment.
    const pid = Number(execFileSync('sh', ['-c', 'sleep 0.4 >/dev/null 2>&1 & echo $!'], { encoding: 'utf8' }).trim());
    const temp = join(root, basename(tempPathFor(join(root, 'late.bin'))).replace(`-${process.pid}-`, `-${pid}-`));
    writeFileSync(temp, 'partial');
    const result = await removeLeftoverTemps(root);
    expect(result.removed).toEqual([temp]);
  });

  it('is fine with a destination that was never created', async () => {
    expect(await removeLeftoverTemps(join(root, 'never'))).toEqual({ removed: [], problems: [] });
  });
});

describe('removeLeftoverTempsIn', () => {
  it('looks in the folders named only, and waits for a worker of ours being killed (a task over its timeout)', async () => {
    mkdirSync(join(root, 'sub/deeper'), { recursive: true });
    const dying = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    const ofDying = (path: string) => join(path, '..', basename(tempPathFor(path)).replace(`-${process.pid}-`, `-${dying.pid}-`));
    const here = ofDying(join(root, 'sub', 'big.bin'));
    const below = ofDying(join(root, 'sub/deeper', 'other.bin'));
    writeFileSync(here, 'half');
    writeFileSync(below, 'half');
    setTimeout(() => dying.kill('SIGKILL'), 200);
    const result = await removeLeftoverTempsIn([join(root, 'sub'), join(root, 'missing')]);
    expect(result).toEqual({ removed: [here], problems: [] });
    expect(readdirSync(join(root, 'sub/deeper'))).toEqual([basename(below)]);
  });
});
