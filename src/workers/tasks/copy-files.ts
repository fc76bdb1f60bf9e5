/**
 * Task: copies a batch of entries (files, links, folders, other names of files) in one go. Many small files per
 * task is what lets a pool beat `cp -a`: one message per batch instead of per file, and
 * small files copied start to finish without a promise per step. Each entry's failure is
 * returned as data, so one bad file never sinks the others; a cancellation stops the
 * batch (the entry under way cleans up after itself).
 *
 * Progress: bytes done of the batch's bytes, with the entry under way as the note.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { progress, signal } from '../index.js';
import { copyFileWith, copySmallFileSync, smallFileBytes } from './copy-file.js';
import { copyHardLink } from './copy-hard-link.js';
import { copyLink } from './copy-link.js';
import { changedCode, errorCode, toCopyFailure, transientCodes } from './copy-error.js';
import type { CopyFileInput, CopyItem, CopyItemResult } from '../../shared/copy-types.js';
import { makeDir } from './make-dirs.js';

export interface BatchOptions {
  verify?: boolean;
  fsync?: boolean;
}

/** Small files are copied with blocking calls: let cancel messages in this often. */
const yieldEveryMs = 20;
/** The reporter sends at most every 50 ms anyway; calling it per tiny file only makes garbage. */
const reportEveryMs = 25;

export async function copyFiles(items: CopyItem[], options: BatchOptions = {}): Promise<CopyItemResult[]> {
  if (!Array.isArray(items)) throw new TypeError('copyFiles(items): items must be an array of { type, source, destination }');
  const taskSignal = signal;
  let total = 0;
  for (const item of items) if (item.type === 'file') total += item.size ?? 0;
  let done = 0;
  let lastYield = Date.now();
  let lastReport = 0;
  const results: CopyItemResult[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const now = Date.now();
    if (now - lastYield >= yieldEveryMs) {
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
      results[i] = { ok: true, destination: item.destination, bytes };
    } catch (error) {
      if (taskSignal.aborted) throw taskSignal.reason;
      results[i] = { ok: false, destination: item.destination, error: toCopyFailure(error, item.destination) };
    }
    // 0 of 0 (a batch of folders or empty files) would count as final and be sent each time.
    if (total > 0 && item.type === 'file' && (now - lastReport >= reportEveryMs || i === items.length - 1)) {
      lastReport = now;
      progress(done, Math.max(total, done), item.destination);
    }
  }
  return results;
}

async function copyItem(item: CopyItem, options: BatchOptions, taskSignal: AbortSignal, onBytes: (done: number) => void): Promise<number> {
  switch (item.type) {
    case 'file':
      return copyOneFile(withOptions(item, options), taskSignal, onBytes);
    case 'symlink':
      await copyLink(item);
      return 0;
    case 'hardlink':
      copyHardLink(item);
      return 0;
    case 'dir':
      await makeDir(item);
      return 0;
    default:
      throw new TypeError(`copyFiles: unknown entry type ${JSON.stringify((item as { type: unknown }).type)}`);
  }
}

async function copyOneFile(input: CopyFileInput, taskSignal: AbortSignal, onBytes: (done: number) => void): Promise<number> {
  if (input.size !== undefined && input.size <= smallFileBytes) {
    try {
      return copySmallFileSync(input).bytes;
    } catch (error) {
      const code = errorCode(error);
      // Only a transient failure, or a file that changed as it was read, is worth the slow path, which tries again.
      if (code === undefined || !(transientCodes.has(code) || code === changedCode)) throw error;
    }
  }
  return (await copyFileWith(input, { signal: taskSignal, onBytes })).bytes;
}

function withOptions(item: CopyFileInput, options: BatchOptions): CopyFileInput {
  // No copy of the item when the options change nothing: this runs once per file.
  if (!options.verify && !options.fsync) return item;
  return { ...item, verify: item.verify ?? options.verify === true, fsync: item.fsync ?? options.fsync === true };
}
