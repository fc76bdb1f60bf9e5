/**
 * Worker tasks for the copy tests: the real copy with one thing arranged around it. A copy
 * held after its first chunk until it is cancelled (so the cancel surely comes mid-copy),
 * and a batch in which files named growing-*.bin grow while they are copied.
 */
import { appendFileSync } from 'node:fs';
import { basename } from 'node:path';
import { progress, signal } from '../../../src/workers/index.js';
import { copyFileWith } from '../../../src/workers/tasks/copy-file.js';
import { copyFiles, type BatchOptions } from '../../../src/workers/tasks/copy-files.js';
import { toCopyFailure } from '../../../src/workers/tasks/copy-error.js';
import type { CopyFileInput, CopyFileResult, CopyItem, CopyItemResult } from '../../../src/shared/copy-types.js';

/** Copies one file, reporting its first chunk and then waiting, its temporary file half written, until the task is cancelled. */
export async function copyFileHeldMidway(input: CopyFileInput): Promise<CopyFileResult> {
  const taskSignal = signal;
  let first = true;
  const onBytes = (done: number, total: number): Promise<void> | undefined => {
    progress(done, total);
    if (!first) return undefined;
    first = false;
    return new Promise((resolve) => taskSignal.addEventListener('abort', () => resolve(), { once: true }));
  };
  return copyFileWith(input, { signal: taskSignal, onBytes });
}

/** Files named growing-*.bin get a byte more after each chunk copied (a log being written); the rest are copied as usual. */
export async function copyFilesGrowing(items: CopyItem[], options: BatchOptions): Promise<CopyItemResult[]> {
  const results: CopyItemResult[] = [];
  for (const item of items) {
    if (item.type !== 'file' || !basename(item.source).startsWith('growing-')) {
      results.push(...(await copyFiles([item], options)));
      continue;
    }
    try {
      const copied = await copyFileWith(item, { signal, onBytes: () => appendFileSync(item.source, '+') });
      results.push({ ok: true, destination: item.destination, bytes: copied.bytes });
    } catch (error) {
      results.push({ ok: false, destination: item.destination, error: toCopyFailure(error, item.destination) });
    }
  }
  return results;
}
