/**
 * Task: copies a batch of entries (files, links, folders) in one go. Many small files per
 * task is what lets a pool beat `cp -a`: one message per batch instead of per file. Each
 * entry's failure is returned as data, so one bad file never sinks the others; a
 * cancellation stops the batch (the entry under way cleans up after itself).
 *
 * Progress: bytes done of the batch's bytes, with the entry under way as the note.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { progress, signal } from '../index.js';
import { copyFileWith } from './copy-file.js';
import { copyLink } from './copy-link.js';
import { toCopyFailure } from './copy-error.js';
import type { CopyItem, CopyItemResult } from './copy-types.js';
import { makeDir } from './make-dirs.js';

export interface BatchOptions {
  verify?: boolean;
  fsync?: boolean;
}

/** Small files are copied with blocking calls: let cancel messages in this often. */
const yieldEveryMs = 20;

export async function copyFiles(items: CopyItem[], options: BatchOptions = {}): Promise<CopyItemResult[]> {
  if (!Array.isArray(items)) throw new TypeError('copyFiles(items): items must be an array of { type, source, destination }');
  const taskSignal = signal;
  let total = 0;
  for (const item of items) if (item.type === 'file') total += item.size ?? 0;
  let done = 0;
  let lastYield = Date.now();
  const results: CopyItemResult[] = [];
  for (const item of items) {
    if (Date.now() - lastYield >= yieldEveryMs) {
      await yieldToLoop();
      lastYield = Date.now();
    }
    taskSignal.throwIfAborted();
    const base = done;
    try {
      const bytes = await copyItem(item, options, taskSignal, (fileDone) => {
        progress(base + fileDone, Math.max(total, base + fileDone), item.destination);
      });
      done += bytes;
      results.push({ ok: true, destination: item.destination, bytes });
    } catch (error) {
      if (taskSignal.aborted) throw taskSignal.reason;
      results.push({ ok: false, destination: item.destination, error: toCopyFailure(error, item.destination) });
    }
    // A batch of folders or empty files has nothing to report (and 0 of 0 would send each time).
    if (total > 0 && item.type === 'file') progress(done, Math.max(total, done), item.destination);
  }
  return results;
}

async function copyItem(item: CopyItem, options: BatchOptions, taskSignal: AbortSignal, onBytes: (done: number) => void): Promise<number> {
  switch (item.type) {
    case 'file': {
      const input = { ...item, verify: item.verify ?? options.verify, fsync: item.fsync ?? options.fsync };
      return (await copyFileWith(input, { signal: taskSignal, onBytes })).bytes;
    }
    case 'symlink':
      await copyLink(item);
      return 0;
    case 'dir':
      await makeDir(item);
      return 0;
    default:
      throw new TypeError(`copyFiles: unknown entry type ${JSON.stringify((item as { type: unknown }).type)}`);
  }
}
