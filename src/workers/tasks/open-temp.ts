/**
 * Opening the temporary file a copy is written to: created new (never an existing file),
 * private until it is finished, and its folder made first when it is missing (batches run
 * in parallel, so a file may arrive before the task that makes its folder).
 */
import { openSync } from 'node:fs';
import { dirname } from 'node:path';
import { toFsPath } from './fs-path.js';
import { copyError, errorCode } from './copy-error.js';
import { makeFoldersSync } from './make-folders.js';

const flags = 'wx';
const privateMode = 0o600;

export function openTempSync(temp: string, destination: string): number {
  const path = toFsPath(temp);
  try {
    return openSync(path, flags, privateMode);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw copyError(error, 'create the copy of', destination);
  }
  try {
    makeFoldersSync(dirname(temp));
    return openSync(path, flags, privateMode);
  } catch (error) {
    throw copyError(error, 'create the copy of', destination);
  }
}
