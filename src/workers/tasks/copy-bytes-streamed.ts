/**
 * Copies a large file's bytes, mode and times in 1 MiB chunks, reading the next chunk
 * while the last one is written, reporting bytes as it goes and stopping between chunks
 * when the task is cancelled. Measured against `cp -a` (copy_file_range) on 96 MB files,
 * two such copies side by side take about the same time.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { copyError, notAFile } from './copy-error.js';
import type { FileMeta, KnownMeta } from '../../shared/copy-types.js';
import { openTemp } from './open-temp.js';

export interface StreamOptions {
  signal?: AbortSignal | undefined;
  onBytes?: ((done: number, total: number) => void) | undefined;
  fsync: boolean;
  known?: KnownMeta | undefined;
}

const chunkBytes = 1 << 20;
const readFlags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export async function copyBytesStreamed(source: string, temp: string, destination: string, options: StreamOptions): Promise<FileMeta> {
  let input: FileHandle;
  try {
    input = await open(source, readFlags);
  } catch (error) {
    throw copyError(error, 'read the source file', source);
  }
  let output: FileHandle | undefined;
  try {
    const stats = await input.stat();
    if (!stats.isFile()) throw notAFile(source);
    output = await openTemp(temp, destination);
    const bytes = await pump(input, output, { source, destination, size: stats.size, ...options });
    // As in copy-bytes-sync.ts: the scan's mode and mtime, unless the file changed since.
    const { known } = options;
    const meta = known && bytes === known.size ? known : stats;
    const mode = meta.mode & 0o7777;
    try {
      await output.chmod(mode);
      await output.utimes(stats.atimeMs / 1000, meta.mtimeMs / 1000);
      if (options.fsync) await output.sync();
    } catch (error) {
      throw copyError(error, 'set the mode and times of', destination);
    }
    const done = output;
    output = undefined;
    await done.close().catch((error: unknown) => {
      throw copyError(error, 'write', destination);
    });
    return { bytes, mode, mtimeMs: meta.mtimeMs, atimeMs: stats.atimeMs };
  } finally {
    await input.close();
    await output?.close();
  }
}

interface PumpContext extends StreamOptions {
  source: string;
  destination: string;
  size: number;
}

/** Reads chunk n+1 while chunk n is written; two buffers take turns. */
async function pump(input: FileHandle, output: FileHandle, context: PumpContext): Promise<number> {
  const buffers = [Buffer.allocUnsafe(chunkBytes), Buffer.allocUnsafe(chunkBytes)];
  let position = 0;
  let turn = 0;
  let writing: Promise<number> = Promise.resolve(0);
  // A write that fails while the next read is under way must not go unhandled.
  writing.catch(() => {});
  for (;;) {
    context.signal?.throwIfAborted();
    const buffer = buffers[turn++ & 1]!;
    const reading = input.read(buffer, 0, chunkBytes, position).catch((error: unknown) => {
      throw copyError(error, 'read the source file', context.source);
    });
    const [{ bytesRead }, written] = await Promise.all([reading, writing]);
    if (written > 0) context.onBytes?.(written, Math.max(context.size, position));
    if (bytesRead === 0) return position;
    const start = position;
    position += bytesRead;
    writing = writeAll(output, buffer, bytesRead, start, context.destination).then(() => start + bytesRead);
    writing.catch(() => {});
  }
}

async function writeAll(output: FileHandle, buffer: Buffer, length: number, position: number, destination: string): Promise<void> {
  try {
    for (let written = 0; written < length; ) {
      const { bytesWritten } = await output.write(buffer, written, length - written, position + written);
      written += bytesWritten;
    }
  } catch (error) {
    throw copyError(error, 'write', destination);
  }
}
