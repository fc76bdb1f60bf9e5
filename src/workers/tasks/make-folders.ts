/**
 * `mkdir -p` that cannot hang. Node 20's recursive mkdir spins for ever where mkdir fails
 * with ENOENT although the parent exists (procfs, sysfs: `mkdir /proc/x`): it makes the
 * parent, gets EEXIST and tries the child again. Here each missing folder is made once, from
 * the top down, and a file system that still refuses gets an error that says so.
 */
import { mkdirSync, statSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { toFsPath } from './fs-path.js';
import { errorCode } from './copy-error.js';

type Made = 'made' | 'no-parent';

export async function makeFolders(path: string, mode?: number): Promise<void> {
  if ((await makeFolder(path, mode)) === 'made') return;
  await makeFolders(dirname(path), mode);
  if ((await makeFolder(path, mode)) === 'no-parent') throw refused(path);
}

export function makeFoldersSync(path: string, mode?: number): void {
  if (makeFolderSync(path, mode) === 'made') return;
  makeFoldersSync(dirname(path), mode);
  if (makeFolderSync(path, mode) === 'no-parent') throw refused(path);
}

/** One mkdir: an existing folder counts as made (another worker may have just made it). */
async function makeFolder(path: string, mode: number | undefined): Promise<Made> {
  try {
    await mkdir(toFsPath(path), mode);
    return 'made';
  } catch (error) {
    if (errorCode(error) === 'EEXIST' && (await stat(toFsPath(path)).catch(() => undefined))?.isDirectory()) return 'made';
    return whenMissingParent(error, path);
  }
}

function makeFolderSync(path: string, mode: number | undefined): Made {
  try {
    mkdirSync(toFsPath(path), mode);
    return 'made';
  } catch (error) {
    if (errorCode(error) === 'EEXIST' && statSync(toFsPath(path), { throwIfNoEntry: false })?.isDirectory()) return 'made';
    return whenMissingParent(error, path);
  }
}

function whenMissingParent(error: unknown, path: string): Made {
  if (errorCode(error) !== 'ENOENT' || dirname(path) === path) throw error;
  return 'no-parent';
}

function refused(path: string): Error {
  return Object.assign(new Error(`the file system of ${dirname(path)} does not allow folders to be made in it`), {
    code: 'ENOTSUP',
  });
}
