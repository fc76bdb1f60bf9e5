/**
 * Copies a file's bytes, mode and mtime to its temporary name with synchronous read and
 * write calls through one 256 KiB buffer. A worker is a process of its own, so blocking it
 * blocks nobody; what a thread-pool round trip per call would cost is saved instead.
 * Measured on 96 MB files in the page cache (ext4), this loop copies as fast as `cp -a`'s
 * copy_file_range (34 against 30 ms), where 1 MiB async reads and writes, one overlapping
 * the other, took 1.7× as long: a 256 KiB buffer stays in the CPU's cache between the read
 * and the write. On 5,000 files of 1–17 KB it also beat fs.promises.copyFile, 16 at a time,
 * by half.
 *
 * Small files go start to finish in one call (copyBytesSync). Large ones (copyBytesSliced)
 * report bytes after every chunk and let the event loop turn every 20 ms, so a cancel
 * arrives and stops the copy between two chunks.
 *
 * Mode and mtime come from the scan when the caller has them (no fstat, no Stats object
 * per file); when it has none, or the size read differs from the scan's (the file changed
 * since), they are read from the open file instead.
 */
import { closeSync, constants, fchmodSync, fstatSync, fsyncSync, futimesSync, openSync, readSync, writeSync } from 'node:fs';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { copyError, errorCode, notAFile } from './copy-error.js';
import type { FileMeta, KnownMeta } from '../../shared/copy-types.js';
import { openTempSync } from './open-temp.js';

/** Never follow a symlink, nor hang on a pipe, that replaced the file since the scan. */
const readFlags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
/** Shared by every copy in this worker: each chunk is read and written with no turn between. */
const buffer = Buffer.allocUnsafe(256 << 10);
/** How long a large copy keeps the event loop before letting messages (a cancel) in. */
const sliceMs = 20;

export interface CopyTarget {
  source: string;
  /** Where the bytes go: a new file beside the destination. */
  temp: string;
  /** The final name, for messages. */
  destination: string;
  fsync: boolean;
  known?: KnownMeta | undefined;
}

export interface SliceOptions {
  signal?: AbortSignal | undefined;
  /** Bytes copied so far, and the expected total. */
  onBytes?: ((done: number, total: number) => void) | undefined;
  /** The size expected (the scan's): progress totals are measured against it. */
  size: number;
}

/** Copies the whole file without yielding. */
export function copyBytesSync(target: CopyTarget): FileMeta {
  const steps = copyChunks(target);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Copies chunk by chunk, reporting each and stopping between two when the signal is aborted. */
export async function copyBytesSliced(target: CopyTarget, options: SliceOptions): Promise<FileMeta> {
  const { signal, onBytes, size } = options;
  const steps = copyChunks(target);
  let reported = 0;
  try {
    let sliceEnd = performance.now() + sliceMs;
    for (;;) {
      signal?.throwIfAborted();
      const step = steps.next();
      const done = step.done ? step.value.bytes : step.value;
      if (done > reported) onBytes?.((reported = done), Math.max(size, done));
      if (step.done) return step.value;
      if (performance.now() >= sliceEnd) {
        await yieldToLoop();
        sliceEnd = performance.now() + sliceMs;
      }
    }
  } finally {
    // Stopped early (cancelled, or onBytes threw): closes both files.
    steps.return(undefined as never);
  }
}

/** Yields the bytes copied after each full chunk; returns the copy's metadata at the end. */
function* copyChunks({ source, temp, destination, fsync, known }: CopyTarget): Generator<number, FileMeta> {
  let input: number;
  try {
    input = openSync(source, readFlags);
  } catch (error) {
    throw copyError(error, 'read the source file', source);
  }
  let output: number | undefined;
  try {
    const stats = known ? undefined : fstatSync(input);
    if (stats && !stats.isFile()) throw notAFile(source);
    output = openTempSync(temp, destination);
    let position = 0;
    for (;;) {
      const read = readOrThrow(input, position, source);
      if (read > 0) writeAll(output, read, position, destination);
      position += read;
      // A short read is the end of a regular file: saves one read per small file.
      if (read < buffer.length) break;
      yield position;
    }
    const meta = stats ?? (known && position === known.size ? known : freshStats(input, source));
    const mode = meta.mode & 0o7777;
    // Times for a copy made now: accessed now, modified when the source was.
    const atimeMs = stats?.atimeMs ?? Date.now();
    try {
      fchmodSync(output, mode);
      futimesSync(output, atimeMs / 1000, meta.mtimeMs / 1000);
      if (fsync) fsyncSync(output);
    } catch (error) {
      throw copyError(error, 'set the mode and times of', destination);
    }
    const done = output;
    output = undefined;
    closeOrThrow(done, destination);
    return { bytes: position, mode, mtimeMs: meta.mtimeMs, atimeMs };
  } finally {
    closeSync(input);
    if (output !== undefined) closeSync(output);
  }
}

/** The file changed since the scan: its own mode and mtime, if it is still a file at all. */
function freshStats(fd: number, source: string): KnownMeta {
  const stats = fstatSync(fd);
  if (!stats.isFile()) throw notAFile(source);
  return stats;
}

function readOrThrow(fd: number, position: number, source: string): number {
  try {
    return readSync(fd, buffer, 0, buffer.length, position);
  } catch (error) {
    // Opened without fstat: a folder that took the file's place shows up here.
    if (errorCode(error) === 'EISDIR') throw notAFile(source);
    throw copyError(error, 'read the source file', source);
  }
}

function writeAll(fd: number, length: number, position: number, destination: string): void {
  try {
    for (let written = 0; written < length; ) {
      written += writeSync(fd, buffer, written, length - written, position + written);
    }
  } catch (error) {
    throw copyError(error, 'write', destination);
  }
}

/** Some file systems (NFS) report a failed write only when the file is closed. */
function closeOrThrow(fd: number, destination: string): void {
  try {
    closeSync(fd);
  } catch (error) {
    throw copyError(error, 'write', destination);
  }
}
