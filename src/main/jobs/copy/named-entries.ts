/**
 * A folder's entries by their exact names: a name that is not UTF-8 as a copy carries it
 * (src/shared/path-bytes.ts), so that it can be compared with a scanned name and opened
 * again. Read as strings, the fast way; read again as bytes only when a name lost some
 * (it reads with U+FFFD in it).
 */
import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { pathFromBytes } from '../../../shared/path-bytes.js';
import { toFsPath } from './fs-path.js';

export async function namedEntries(folder: string): Promise<Array<[string, Dirent<string | Buffer>]>> {
  const path = toFsPath(folder);
  const dirents = await readdir(path, { withFileTypes: true });
  if (!dirents.some((dirent) => dirent.name.includes('\uFFFD'))) return dirents.map((dirent) => [dirent.name, dirent]);
  return (await readdir(path, { withFileTypes: true, encoding: 'buffer' })).map((dirent) => [pathFromBytes(dirent.name), dirent]);
}
