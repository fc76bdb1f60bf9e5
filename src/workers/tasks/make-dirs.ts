/**
 * Folders of a copy. They are made first with the owner's write and search bits added,
 * so a read-only source folder (0o555) can still be filled; their exact mode and mtime are
 * applied by finishDirs() once everything inside is written, because adding an entry to
 * a folder changes its mtime.
 */
import { chmod, lstat, unlink, utimes } from 'node:fs/promises';
import { toFsPath } from './fs-path.js';
import { copyError, errorCode } from './copy-error.js';
import { makeFolders } from './make-folders.js';

export interface DirInput {
  destination: string;
  mode?: number;
  mtimeMs?: number;
  /** A file or link in the way is removed first (the overwrite policy). Never a folder. */
  replace?: boolean;
}

/** Makes a folder (and missing parents); an existing folder is fine, anything else in the way is not. */
export async function makeDir(input: DirInput): Promise<{ destination: string }> {
  const { destination } = input;
  const mode = ((input.mode ?? 0o755) | 0o700) & 0o7777;
  if (input.replace) await removeNonFolder(destination);
  try {
    await makeFolders(destination, mode);
  } catch (error) {
    if (errorCode(error) === 'EEXIST' || errorCode(error) === 'ENOTDIR') {
      const what = await lstat(toFsPath(destination)).then(
        (stats) => (stats.isSymbolicLink() ? 'a symbolic link' : 'a file'),
        () => 'a file',
      );
      throw copyError(error, 'create the folder', destination, `: ${what} is in the way`);
    }
    throw copyError(error, 'create the folder', destination);
  }
  // mkdir accepts a symlink to a folder; writing through a link in the destination never is.
  if ((await lstat(toFsPath(destination))).isSymbolicLink()) {
    throw copyError(Object.assign(new Error('symbolic link in the way'), { code: 'EEXIST' }), 'create the folder', destination, ': a symbolic link is in the way');
  }
  return { destination };
}

async function removeNonFolder(path: string): Promise<void> {
  const stats = await lstat(toFsPath(path)).catch(() => undefined);
  if (!stats || stats.isDirectory()) return;
  await unlink(toFsPath(path)).catch((error: unknown) => {
    throw copyError(error, 'remove the file in the way of the folder', path);
  });
}

/** Task: applies each folder's mode and mtime, deepest first, after its contents are written. */
export async function finishDirs(dirs: DirInput[]): Promise<{ done: number; failures: { path: string; message: string }[] }> {
  if (!Array.isArray(dirs)) throw new TypeError('finishDirs(dirs): dirs must be an array of { destination, mode, mtimeMs }');
  const ordered = [...dirs].sort((a, b) => depth(b.destination) - depth(a.destination));
  const failures: { path: string; message: string }[] = [];
  let done = 0;
  for (const dir of ordered) {
    try {
      const path = toFsPath(dir.destination);
      if (dir.mode !== undefined) await chmod(path, dir.mode & 0o7777);
      if (dir.mtimeMs !== undefined) await utimes(path, dir.mtimeMs / 1000, dir.mtimeMs / 1000);
      done++;
    } catch (error) {
      failures.push({ path: dir.destination, message: copyError(error, 'set the mode and time of the folder', dir.destination).message });
    }
  }
  return { done, failures };
}

function depth(path: string): number {
  let count = 0;
  for (const char of path) if (char === '/' || char === '\\') count++;
  return count;
}
