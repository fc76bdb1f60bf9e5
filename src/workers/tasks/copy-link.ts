/**
 * Task: recreates a symbolic link as a link with the same target text, never following
 * it (a dangling link is copied as dangling). Made under a temporary name and renamed into
 * place, like files, so a crash never leaves a half-made entry under the final name.
 */
import { lstat, lutimes, readlink, rename, symlink, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pathFromBytes } from '../../shared/path-bytes.js';
import { toFsPath } from './fs-path.js';
import { copyError, errorCode } from './copy-error.js';
import { makeFolders } from './make-folders.js';
import { tempPathFor } from './temp-name.js';

export interface CopyLinkInput {
  source?: string;
  destination: string;
  /** The link's target as scanned; read from `source` when absent. */
  linkTarget?: string;
  mtimeMs?: number;
}

export async function copyLink(input: CopyLinkInput): Promise<{ destination: string; linkTarget: string }> {
  const { destination } = input;
  let { linkTarget, mtimeMs } = input;
  if (linkTarget === undefined || mtimeMs === undefined) {
    if (input.source === undefined) throw new TypeError('copyLink(input): give linkTarget and mtimeMs, or the source link');
    try {
      linkTarget ??= pathFromBytes(await readlink(toFsPath(input.source), { encoding: 'buffer' }));
      mtimeMs ??= (await lstat(toFsPath(input.source))).mtimeMs;
    } catch (error) {
      throw copyError(error, 'read the link', input.source);
    }
  }
  const temp = tempPathFor(destination);
  try {
    await makeLink(linkTarget, temp, destination);
    // Not every platform can set a link's own times; the link itself is what matters.
    await lutimes(toFsPath(temp), mtimeMs / 1000, mtimeMs / 1000).catch(() => {});
    await rename(toFsPath(temp), toFsPath(destination)).catch((error: unknown) => {
      throw copyError(error, 'move the link into place at', destination);
    });
    return { destination, linkTarget };
  } catch (error) {
    await unlink(toFsPath(temp)).catch(() => {});
    throw error;
  }
}

async function makeLink(target: string, temp: string, destination: string): Promise<void> {
  try {
    await symlink(toFsPath(target), toFsPath(temp));
    return;
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw copyError(error, 'create the link', destination);
  }
  try {
    await makeFolders(dirname(temp));
    await symlink(toFsPath(target), toFsPath(temp));
  } catch (error) {
    throw copyError(error, 'create the link', destination);
  }
}
