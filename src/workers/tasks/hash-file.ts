/**
 * SHA-256 of a file, read in 1 MiB chunks so a file of any size hashes in constant
 * memory, reporting progress for large files and stopping when the task is cancelled.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { progress, signal } from '../index.js';
import { toFsPath } from './fs-path.js';
import { copyError } from './copy-error.js';

const chunkBytes = 1 << 20;

export interface HashOptions {
  signal?: AbortSignal;
  /** Called with the bytes hashed so far. */
  onBytes?: (done: number, total: number) => void;
}

/** Task: the SHA-256 of a file, as lowercase hex. */
export async function hashFile(path: string): Promise<string> {
  if (typeof path !== 'string' || path === '') throw new TypeError('hashFile(path): path must be a non-empty string');
  const onBytes = (done: number, total: number): void => {
    // A small file is done before anyone could watch it move.
    if (total > chunkBytes) progress(done, total);
  };
  return sha256File(path, { signal, onBytes });
}

export async function sha256File(path: string, options: HashOptions = {}): Promise<string> {
  let handle;
  try {
    handle = await open(toFsPath(path), 'r');
  } catch (error) {
    throw copyError(error, 'read', path);
  }
  try {
    const { size } = await handle.stat();
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(Math.min(chunkBytes, Math.max(size, 1)));
    let done = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, done);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      done += bytesRead;
      options.onBytes?.(done, Math.max(size, done));
    }
    return hash.digest('hex');
  } catch (error) {
    throw copyError(error, 'read', path);
  } finally {
    await handle.close();
  }
}
