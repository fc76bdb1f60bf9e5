import { createHash } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFile, copyFileWith } from '../../../src/workers/tasks/copy-file.js';
import { hashFile } from '../../../src/workers/tasks/hash-file.js';
import { fileTime, patterned, removeTree, runAsUser, scratch } from '../../fixtures/jobs-tree.js';

let root: string;
beforeEach(() => {
  root = scratch();
});
afterEach(() => removeTree(root));

function file(name: string, content: string | Buffer, mode = 0o644): string {
  const path = join(root, name);
  writeFileSync(path, content);
  chmodSync(path, mode);
  utimesSync(path, fileTime, fileTime);
  return path;
}

const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const names = (folder: string): string[] => readdirSync(folder).sort();

describe('copyFile', () => {
  it('copies bytes, mode and mtime, and leaves no temporary file', async () => {
    const source = file('src.txt', 'hello world', 0o640);
    const destination = join(root, 'out', 'dst.txt');
    mkdirSync(join(root, 'out'));
    const result = await copyFile({ source, destination });
    expect(result).toEqual({ destination, bytes: 11, mode: 0o640, mtimeMs: fileTime * 1000 });
    expect(readFileSync(destination, 'utf8')).toBe('hello world');
    expect(lstatSync(destination).mode & 0o7777).toBe(0o640);
    expect(Math.abs(lstatSync(destination).mtimeMs - fileTime * 1000)).toBeLessThan(0.005);
    expect(names(join(root, 'out'))).toEqual(['dst.txt']);
  });

  it('copies a large file chunk by chunk, reporting bytes as it goes', async () => {
    const data = patterned(5 * 1024 * 1024 + 17);
    const source = file('big.bin', data, 0o600);
    const destination = join(root, 'big.copy');
    const reports: [number, number][] = [];
    const result = await copyFileWith({ source, destination }, { onBytes: (done, total) => reports.push([done, total]) });
    expect(result.bytes).toBe(data.length);
    expect(sha(readFileSync(destination))).toBe(sha(data));
    expect(lstatSync(destination).mode & 0o7777).toBe(0o600);
    expect(reports.length).toBeGreaterThanOrEqual(5);
    expect(reports.at(-1)).toEqual([data.length, data.length]);
    for (let i = 1; i < reports.length; i++) expect(reports[i]![0]).toBeGreaterThan(reports[i - 1]![0]);
  });

  it('copies an empty file and makes a missing destination folder', async () => {
    const source = file('empty', '');
    const destination = join(root, 'new', 'folder', 'empty');
    expect((await copyFile({ source, destination })).bytes).toBe(0);
    expect(readFileSync(destination)).toHaveLength(0);
  });

  it('replaces an existing destination file whole (the overwrite policy)', async () => {
    const source = file('src', 'new content');
    const destination = file('dst', 'old content that is longer');
    await copyFile({ source, destination });
    expect(readFileSync(destination, 'utf8')).toBe('new content');
  });

  it('with verify, returns the hash it checked', async () => {
    const data = patterned(2 * 1024 * 1024);
    const source = file('v.bin', data);
    const result = await copyFile({ source, destination: join(root, 'v.copy'), verify: true });
    expect(result.sha256).toBe(sha(data));
    expect(await hashFile(join(root, 'v.copy'))).toBe(sha(data));
  });

  it('with verify, fails on a copy corrupted between writing and hashing, and keeps nothing', async () => {
    for (const size of [100, 3 * 1024 * 1024]) {
      const source = file(`c${size}`, patterned(size));
      const destination = join(root, `c${size}.copy`);
      const copying = copyFileWith({ source, destination, verify: true }, { afterWrite: (temp) => appendFileSync(temp, 'x') });
      await expect(copying).rejects.toMatchObject({
        name: 'CopyError',
        code: 'EVERIFY',
        path: destination,
        message: expect.stringContaining(`verification failed for ${destination}`) as string,
      });
      expect(existsSync(destination)).toBe(false);
    }
    expect(names(root)).toEqual(['c100', 'c3145728']);
  });

  it('stops when aborted mid-copy and removes its temporary file', async () => {
    const source = file('abort.bin', patterned(8 * 1024 * 1024));
    const destination = join(root, 'abort.copy');
    const controller = new AbortController();
    const reason = new Error('cancelled by the test');
    const copying = copyFileWith(
      { source, destination },
      { signal: controller.signal, onBytes: (done) => done >= 2 * 1024 * 1024 && controller.abort(reason) },
    );
    await expect(copying).rejects.toBe(reason);
    expect(names(root)).toEqual(['abort.bin']);
  });

  it('lets the event loop turn during a large copy, so a cancel from outside stops it mid-file', async () => {
    // 128 MiB, each 256 KiB chunk held 0.2 ms without a turn of the loop (as a slow disk
    // would): several 20 ms slices, however fast this machine copies (it can take 30 ms).
    const source = file('slices.bin', Buffer.alloc(128 * 1024 * 1024, 7));
    const destination = join(root, 'slices.copy');
    const controller = new AbortController();
    const reason = new Error('cancelled from a timer');
    let copied = 0;
    const onBytes = (done: number): void => {
      // A timer can only fire if the copy lets the event loop turn.
      if (copied === 0) setTimeout(() => controller.abort(reason), 0);
      copied = done;
      for (const until = performance.now() + 0.2; performance.now() < until; );
    };
    const copying = copyFileWith({ source, destination }, { signal: controller.signal, onBytes });
    await expect(copying).rejects.toBe(reason);
    expect(copied).toBeLessThan(128 * 1024 * 1024);
    expect(names(root)).toEqual(['slices.bin']);
  });

  it('retries a transient error and succeeds, leaving no temporary file of the failed try', async () => {
    const source = file('busy', 'data');
    const destination = join(root, 'busy.copy');
    let tries = 0;
    const afterWrite = (): void => {
      if (++tries === 1) throw Object.assign(new Error('EBUSY: resource busy'), { code: 'EBUSY' });
    };
    await copyFileWith({ source, destination }, { afterWrite });
    expect(tries).toBe(2);
    expect(names(root)).toEqual(['busy', 'busy.copy']);
  });

  it('names the path when the source vanished', async () => {
    const source = join(root, 'gone.txt');
    await expect(copyFile({ source, destination: join(root, 'x'), size: 10 })).rejects.toMatchObject({
      code: 'ENOENT',
      path: source,
      message: expect.stringContaining(`cannot read the source file ${source}: it does not exist`) as string,
    });
    expect(names(root)).toEqual([]);
  });

  it('takes mode and mtime from the file as it is when copied, whatever size the scan saw', async () => {
    // The file is looked at when it is opened anyway (to tell a change mid-copy): its own mode and time are the true ones.
    const source = file('meta.txt', 'four', 0o640);
    for (const size of [4, 3]) {
      const destination = join(root, `scanned-${size}`);
      await copyFile({ source, destination, size });
      expect(Math.abs(lstatSync(destination).mtimeMs - fileTime * 1000)).toBeLessThan(0.005);
      expect(lstatSync(destination).mode & 0o7777).toBe(0o640);
    }
  });

  it('refuses a folder that took the place of a file since the scan', async () => {
    mkdirSync(join(root, 'now-a-folder'));
    const copying = copyFile({ source: join(root, 'now-a-folder'), destination: join(root, 'out'), size: 5 });
    await expect(copying).rejects.toMatchObject({ code: 'ENOTFILE', message: expect.stringContaining('no longer a regular file') as string });
    expect(names(root)).toEqual(['now-a-folder']);
  });

  it('never follows a symlink that replaced the file since the scan', async () => {
    file('target', 'secret');
    symlinkSync('target', join(root, 'was-a-file'));
    await expect(copyFile({ source: join(root, 'was-a-file'), destination: join(root, 'out'), size: 6 })).rejects.toMatchObject({
      code: 'ELOOP',
    });
    expect(existsSync(join(root, 'out'))).toBe(false);
  });

  it('says permission denied for an unreadable file (run as an unprivileged user: root may read anything)', (context) => {
    const source = file('locked', 'x', 0o000);
    chmodSync(root, 0o777);
    const outcome = runAsUser(['copy', source, join(root, 'copy')]);
    if (!outcome) return context.skip('cannot start a process as an unprivileged user here');
    expect(outcome).toMatchObject({ ok: false, code: 'EACCES', message: expect.stringContaining(`cannot read the source file ${source}: permission denied`) as string });
    expect(names(root)).toEqual(['locked']);
  });

  it('rejects bad input with a TypeError', async () => {
    await expect(copyFile({ source: '', destination: 'x' })).rejects.toThrow(TypeError);
    await expect(copyFile(null as never)).rejects.toThrow(/input must be an object/);
  });
});
