/**
 * Issue 14: a 1 GB file truncated to 10 MB during its copy ended Done with a 110 MB copy.
 * A source that changes while it is copied is never kept with other bytes than its own:
 * copied again once as it is now, and failed, saying so, when it changes again; its
 * temporary file is removed either way.
 */
import { appendFileSync, existsSync, readFileSync, readdirSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileWith } from '../../../src/workers/tasks/copy-file.js';
import { fileTime, patterned, removeTree, scratch } from '../../fixtures/jobs-tree.js';

const MiB = 1024 * 1024;

let root: string;
beforeEach(() => {
  root = scratch();
});
afterEach(() => removeTree(root));

describe('a source that changes while it is copied', () => {
  it('truncated mid-copy, past its new end: that copy is not kept; the file is copied again as it is now', async () => {
    const source = join(root, 'big.bin');
    writeFileSync(source, patterned(64 * MiB));
    const destination = join(root, 'big.copy');
    let truncated = false;
    const onBytes = (done: number): void => {
      if (truncated || done < 20 * MiB) return;
      truncateSync(source, 10 * MiB);
      truncated = true;
    };
    const result = await copyFileWith({ source, destination, size: 64 * MiB }, { onBytes });
    expect(result.bytes).toBe(10 * MiB);
    expect(readFileSync(destination).equals(readFileSync(source))).toBe(true);
    expect(readdirSync(root).sort()).toEqual(['big.bin', 'big.copy']);
  });

  it('still changing (a file being written): fails saying it changed, with its sizes; no copy and no temporary file are left', async () => {
    const source = join(root, 'growing.log');
    writeFileSync(source, patterned(3 * MiB));
    const destination = join(root, 'growing.copy');
    const copying = copyFileWith({ source, destination, size: 3 * MiB }, { onBytes: () => appendFileSync(source, 'another line\n') });
    await expect(copying).rejects.toMatchObject({
      name: 'CopyError',
      code: 'ECHANGED',
      path: source,
      message: expect.stringMatching(/^cannot copy .*growing\.log: it changed while it was copied \(size 3,1[\d,]+ → 3,1[\d,]+ bytes\), so the copy was not kept\. .*resume or retry the job/) as string,
    });
    expect(existsSync(destination)).toBe(false);
    expect(readdirSync(root)).toEqual(['growing.log']);
  });

  it('rewritten mid-copy to the same size: told by its times', async () => {
    const source = join(root, 'same-size.bin');
    writeFileSync(source, patterned(3 * MiB));
    // Its time from before: a rewrite in the same clock tick as its writing would show no other time.
    utimesSync(source, fileTime, fileTime);
    const copying = copyFileWith(
      { source, destination: join(root, 'same-size.copy') },
      { onBytes: () => writeFileSync(source, Buffer.alloc(3 * MiB, 1)) },
    );
    await expect(copying).rejects.toMatchObject({ code: 'ECHANGED', message: expect.stringContaining('(its contents were modified)') as string });
    expect(readdirSync(root)).toEqual(['same-size.bin']);
  });
});
