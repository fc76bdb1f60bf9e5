/**
 * Copies a file's bytes, mode and times to its temporary name with synchronous read and
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
 * The open source is looked at (fstat) before the first read and after the last: a file
 * whose size, modification or change time moved meanwhile, or whose size is not what was
 * read, changed while it was copied, and its copy is refused (changedWhileCopied) rather
 * than kept with bytes the source never held. Mode and times are the file's own, then.
 *
 * A sparse source (fewer blocks allocated than its size needs) stays sparse, as with
 * `cp --sparse=auto`: Node has no SEEK_HOLE, so each block read that is all zeros is not
 * written, and the copy is given its size at the end; other files are written whole.
 */
import { closeSync, constants, fchmodSync, fstatSync, fsyncSync, ftruncateSync, futimesSync, openSync, readSync, writeSync, type Stats } from 'node:fs';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { toFsPath } from './fs-path.js';
import { changedWhileCopied, copyError, errorCode, notAFile } from './copy-error.js';
import type { FileMeta } from '../../shared/copy-types.js';
import { openTempSync } from './open-temp.js';

/** Never follow a symlink, nor hang on a pipe, that replaced the file since the scan. */
const readFlags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
/** Shared by every copy in this worker: each chunk is read and written with no turn between. */
const buffer = Buffer.allocUnsafe(256 << 10);
/** What a block of zeros is compared with (a hole is never smaller than the file system's block). */
const zeros = Buffer.alloc(buffer.length);
/** How long a large copy keeps the event loop before letting messages (a cancel) in. */
const sliceMs = 20;

export interface CopyTarget {
  source: string;
  /** Where the bytes go: a new file beside the destination. */
  temp: string;
  /** The final name, for messages. */
  destination: string;
  fsync: boolean;
}

export interface SliceOptions {
  signal?: AbortSignal | undefined;
  /**
   * Bytes copied so far (holes included), and the expected total. A promise returned holds
   * the copy back until it settles: a pace for whoever needs one (a test waiting for its cancel).
   */
  onBytes?: ((done: number, total: number) => unknown) | undefined;
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
      if (done > reported) {
        const held = onBytes?.((reported = done), Math.max(size, done));
        if (held instanceof Promise) await held;
      }
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
function* copyChunks({ source, temp, destination, fsync }: CopyTarget): Generator<number, FileMeta> {
  let input: number;
  try {
    input = openSync(toFsPath(source), readFlags);
  } catch (error) {
    throw copyError(error, 'read the source file', source);
  }
  let output: number | undefined;
  try {
    const before = fstatSync(input);
    if (!before.isFile()) throw notAFile(source);
    output = openTempSync(temp, destination);
    const block = holeBlock(before);
    let position = 0;
    for (;;) {
      const read = readOrThrow(input, position, source);
      if (block > 0) writeData(output, read, position, block, destination);
      else if (read > 0) writeAll(output, 0, read, position, destination);
      position += read;
      // A short read is the end of a regular file: saves one read per small file.
      if (read < buffer.length) break;
      yield position;
    }
    const after = fstatSync(input);
    if (changed(before, after, position)) throw changedWhileCopied(source, before.size, after.size);
    const mode = before.mode & 0o7777;
    try {
      // A file that ends in a hole: its last zeros were never written.
      if (block > 0) ftruncateSync(output, position);
      fchmodSync(output, mode);
      futimesSync(output, before.atimeMs / 1000, before.mtimeMs / 1000);
      if (fsync) fsyncSync(output);
    } catch (error) {
      throw copyError(error, 'set the size, mode and times of', destination);
    }
    const done = output;
    output = undefined;
    closeOrThrow(done, destination);
    return { bytes: position, mode, mtimeMs: before.mtimeMs, atimeMs: before.atimeMs };
  } finally {
    closeSync(input);
    if (output !== undefined) closeSync(output);
  }
}

/** Size, contents (mtime) or inode (ctime: also a rewrite that put the mtime back) moved, or the bytes read are not the size. */
function changed(before: Stats, after: Stats, read: number): boolean {
  return after.size !== read || before.size !== read || after.mtimeMs !== before.mtimeMs || after.ctimeMs !== before.ctimeMs;
}

/**
 * The block size to look for holes in, or 0 for a file that has none (as many blocks as
 * its size needs): cp's --sparse=auto test. A block that does not divide the buffer is
 * taken as 4 KiB, the usual one.
 */
function holeBlock(stats: Stats): number {
  if (!(stats.blocks * 512 < stats.size)) return 0;
  return stats.blksize > 0 && stats.blksize <= buffer.length && buffer.length % stats.blksize === 0 ? stats.blksize : 4096;
}

/** Writes the chunk's runs of blocks that hold data; blocks of zeros are left as holes. */
function writeData(fd: number, length: number, position: number, block: number, destination: string): void {
  let run = -1;
  for (let offset = 0; offset < length; offset += block) {
    const end = Math.min(offset + block, length);
    const empty = buffer.compare(zeros, 0, end - offset, offset, end) === 0;
    if (!empty && run < 0) run = offset;
    if (empty && run >= 0) {
      writeAll(fd, run, offset - run, position + run, destination);
      run = -1;
    }
  }
  if (run >= 0) writeAll(fd, run, length - run, position + run, destination);
}

function readOrThrow(fd: number, position: number, source: string): number {
  try {
    return readSync(fd, buffer, 0, buffer.length, position);
  } catch (error) {
    if (errorCode(error) === 'EISDIR') throw notAFile(source);
    throw copyError(error, 'read the source file', source);
  }
}

/** Writes buffer[start, start + length) at `position` of the file. */
function writeAll(fd: number, start: number, length: number, position: number, destination: string): void {
  try {
    for (let written = 0; written < length; ) {
      written += writeSync(fd, buffer, start + written, length - written, position + written);
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
