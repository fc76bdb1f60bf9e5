/**
 * Task: copies one file so that its final name never holds a partial file. The bytes go
 * to a temporary name beside the destination (temp-name.ts), mode and mtime are set, the
 * copy is verified when asked, and only then is it renamed into place; on any failure or
 * cancellation the temporary file is removed. Transient errors are retried, and so is a
 * source that changed while it was copied, once: a file saved once mid-copy is copied as
 * it is now; one still being written fails saying so (copy-bytes.ts).
 *
 * Mode and times are the file's own, read when it is opened; the input's size (the
 * scan's) only decides whether the file is copied in one go and what progress counts to.
 *
 * fsync: off unless asked. Measured on this project's disk (ext4), fsync per file made 500
 * small files 4–6× slower to copy (223–343 ms against 41–82 ms); `cp -a` and `rsync -a` do
 * not fsync either. Without it a copy survives the app or a worker dying (the data is in
 * the OS's page cache); only a power loss or kernel crash right after the copy can lose
 * it. `fsync: true` is there for those who need that too.
 */
import { renameSync, unlinkSync } from 'node:fs';
import { lstat, unlink } from 'node:fs/promises';
import { progress, signal } from '../index.js';
import { toFsPath } from './fs-path.js';
import { copyBytesSliced, copyBytesSync, type CopyTarget } from './copy-bytes.js';
import { changedCode, copyError, errorCode } from './copy-error.js';
import type { CopyFileInput, CopyFileResult, FileMeta } from '../../shared/copy-types.js';
import { retryTransient } from './retry-transient.js';
import { tempPathFor } from './temp-name.js';
import { verifyCopy, verifyCopySync } from './verify-copy.js';

/** Files up to this size are copied in one go, without a turn of the event loop (copy-bytes.ts). */
export const smallFileBytes = 1 << 20;

export interface CopyHooks {
  signal?: AbortSignal | undefined;
  /** Bytes of this file copied so far; a promise returned holds the copy back until it settles (copy-bytes.ts). */
  onBytes?: ((done: number, total: number) => unknown) | undefined;
  /** Runs once the temporary copy is written, before it is verified and renamed (a seam for tests). */
  afterWrite?: ((temp: string) => void | Promise<void>) | undefined;
}

/** Task: copy one file (see the module comment). */
export async function copyFile(input: CopyFileInput): Promise<CopyFileResult> {
  checkInput(input);
  return copyFileWith(input, { signal, onBytes: progress });
}

export async function copyFileWith(input: CopyFileInput, hooks: CopyHooks = {}): Promise<CopyFileResult> {
  const attempt = (size: number) => retryTransient(() => copyOnce(input, size, hooks), hooks.signal ? { signal: hooks.signal } : {});
  try {
    return await attempt(input.size ?? (await sourceSize(input.source)));
  } catch (error) {
    if (errorCode(error) !== changedCode) throw error;
    // Changed mid-copy: once more, as it is now. A second change is the file being written: that fails.
    return attempt(await sourceSize(input.source));
  }
}

/**
 * One attempt at a small file, start to finish without yielding: no promise per step,
 * which for thousands of small files is most of the cost that is not the kernel's.
 * Throws like copyFileWith, but never retries (callers fall back to it for that).
 */
export function copySmallFileSync(input: CopyFileInput): CopyFileResult {
  const { source, destination } = input;
  const temp = tempPathFor(destination);
  try {
    const meta = copyBytesSync({ source, temp, destination, fsync: input.fsync === true });
    const sha256 = input.verify ? verifyCopySync(source, temp, destination) : undefined;
    renameIntoPlace(temp, destination);
    return result(destination, meta, sha256);
  } catch (error) {
    try {
      unlinkSync(toFsPath(temp));
    } catch {
      // Never created, or gone: the error being thrown is the one that matters.
    }
    throw error;
  }
}

async function copyOnce(input: CopyFileInput, size: number, hooks: CopyHooks): Promise<CopyFileResult> {
  hooks.signal?.throwIfAborted();
  const small = size <= smallFileBytes;
  if (small && !hooks.afterWrite) return copySmallFileSync(input);
  const { source, destination } = input;
  const temp = tempPathFor(destination);
  const target: CopyTarget = { source, temp, destination, fsync: input.fsync === true };
  try {
    const meta: FileMeta = small ? copyBytesSync(target) : await copyBytesSliced(target, { signal: hooks.signal, onBytes: hooks.onBytes, size });
    if (hooks.afterWrite) await hooks.afterWrite(temp);
    const sha256 = input.verify ? await verifyCopy(source, temp, destination, hooks.signal) : undefined;
    hooks.signal?.throwIfAborted();
    renameIntoPlace(temp, destination);
    return result(destination, meta, sha256);
  } catch (error) {
    // The error being thrown is the one that matters; a temp file never created is fine.
    await unlink(toFsPath(temp)).catch(() => {});
    throw error;
  }
}

/** Synchronous: one quick metadata call, cheaper than a trip through the thread pool. */
function renameIntoPlace(temp: string, destination: string): void {
  try {
    renameSync(toFsPath(temp), toFsPath(destination));
  } catch (error) {
    throw copyError(error, 'move the finished copy into place at', destination);
  }
}

function result(destination: string, meta: FileMeta, sha256: string | undefined): CopyFileResult {
  return { destination, bytes: meta.bytes, mode: meta.mode, mtimeMs: meta.mtimeMs, ...(sha256 !== undefined && { sha256 }) };
}

async function sourceSize(source: string): Promise<number> {
  try {
    return (await lstat(toFsPath(source))).size;
  } catch (error) {
    throw copyError(error, 'read the source file', source);
  }
}

export function checkInput(input: CopyFileInput): void {
  if (typeof input !== 'object' || input === null) throw new TypeError('copyFile(input): input must be an object { source, destination }');
  for (const key of ['source', 'destination'] as const) {
    if (typeof input[key] !== 'string' || input[key] === '') {
      throw new TypeError(`copyFile(input): ${key} must be a non-empty path, got ${JSON.stringify(input[key])}`);
    }
  }
}
