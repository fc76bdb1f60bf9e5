/**
 * Checks a copy against its source after writing: both are hashed (SHA-256) and must
 * match. Catches a write that went wrong and a source that changed while it was being
 * copied. Small files are read and hashed synchronously, for the reason given in
 * copy-bytes.ts; large ones are streamed, side by side.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { showPath } from '../../shared/path-bytes.js';
import { toFsPath } from './fs-path.js';
import { CopyError, copyError } from './copy-error.js';
import { sha256File } from './hash-file.js';

/** Resolves with the common hash; rejects with a CopyError (code 'EVERIFY') on a mismatch. */
export async function verifyCopy(source: string, copy: string, finalPath = copy, signal?: AbortSignal): Promise<string> {
  const options = signal ? { signal } : {};
  const [expected, actual] = await Promise.all([sha256File(source, options), sha256File(copy, options)]);
  return compare(expected, actual, source, finalPath);
}

export function verifyCopySync(source: string, copy: string, finalPath = copy): string {
  return compare(sha256Sync(source), sha256Sync(copy), source, finalPath);
}

function sha256Sync(path: string): string {
  try {
    return createHash('sha256').update(readFileSync(toFsPath(path))).digest('hex');
  } catch (error) {
    throw copyError(error, 'read', path);
  }
}

function compare(expected: string, actual: string, source: string, finalPath: string): string {
  if (expected !== actual) {
    throw new CopyError(
      `verification failed for ${showPath(finalPath)}: the copy's SHA-256 (${actual}) differs from the source's ` +
        `${showPath(source)} (${expected}). The copy was not kept; the source may have changed while it was copied, ` +
        'or the disk wrote wrong data. Resume the job to copy it again.',
      { code: 'EVERIFY', path: finalPath },
    );
  }
  return expected;
}
