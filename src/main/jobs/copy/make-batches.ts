/**
 * Turns a conflict plan into copy work: batches of entries for the copyFiles worker task,
 * and the folders whose mode and time are set at the end (finishDirs). Many small files go
 * in one batch (one message per batch, not per file, is what lets a pool beat `cp -a`);
 * a batch closes at `maxFiles` entries or `maxBytes`, so large files spread over the
 * workers and progress moves, and a resume redoes at most one batch per worker. A file's
 * other names (hard links) join the batch of the name before them whatever its size: its
 * worker links them once that name's copy is in place (hard-links.ts).
 */
import { sep } from 'node:path';
import type { CopyItem, DirFinish } from '../../../shared/copy-types.js';
import type { PlannedEntry } from './plan-conflicts.js';

export interface BatchLimits {
  /** Default 256 entries. */
  maxFiles?: number;
  /** Default 16 MiB. */
  maxBytes?: number;
  verify?: boolean;
  fsync?: boolean;
}

export interface CopyWork {
  batches: CopyItem[][];
  /** Deepest first is left to finishDirs; order here follows the plan. */
  dirs: DirFinish[];
  files: number;
  bytes: number;
}

export function makeBatches(planned: readonly PlannedEntry[], sourceBase: string, limits: BatchLimits = {}): CopyWork {
  const maxFiles = limits.maxFiles ?? 256;
  const maxBytes = limits.maxBytes ?? 16 * 1024 * 1024;
  const work: CopyWork = { batches: [], dirs: [], files: 0, bytes: 0 };
  let batch: CopyItem[] = [];
  let batchBytes = 0;
  for (const plan of planned) {
    const item = toItem(plan, sourceBase, limits);
    if (plan.entry.type === 'dir' && plan.action !== 'skip' && plan.action !== 'fail') {
      work.dirs.push({ destination: plan.destination, mode: plan.entry.mode, mtimeMs: plan.entry.mtimeMs });
    }
    if (!item) continue;
    // A full batch closes when the next entry may go elsewhere, which a hard link may not.
    if ((batch.length >= maxFiles || batchBytes >= maxBytes) && item.type !== 'hardlink') {
      work.batches.push(batch);
      batch = [];
      batchBytes = 0;
    }
    if (item.type === 'file') {
      work.files++;
      work.bytes += plan.entry.size;
      batchBytes += plan.entry.size;
    }
    batch.push(item);
  }
  if (batch.length > 0) work.batches.push(batch);
  return work;
}

function toItem(plan: PlannedEntry, sourceBase: string, limits: BatchLimits): CopyItem | undefined {
  const { entry, destination, action } = plan;
  // Nothing to do: not copied, or a folder that is already there.
  if (action === 'skip' || action === 'fail' || action === 'merge') return undefined;
  const source = sourceBase + sep + (sep === '/' ? entry.path : entry.path.replaceAll('/', sep));
  if (action === 'hardlink') return { type: 'hardlink', source, destination, target: plan.linkTo! };
  switch (entry.type) {
    case 'file': {
      // Assigned, not spread: this runs once per file of a tree of any size.
      const item: CopyItem = { type: 'file', source, destination, size: entry.size };
      if (limits.verify) item.verify = true;
      if (limits.fsync) item.fsync = true;
      return item;
    }
    case 'symlink':
      return { type: 'symlink', source, destination, mtimeMs: entry.mtimeMs, ...(entry.linkTarget !== undefined && { linkTarget: entry.linkTarget }) };
    case 'dir':
      return { type: 'dir', source, destination, mode: entry.mode, mtimeMs: entry.mtimeMs, ...(action === 'overwrite' && { replace: true }) };
  }
}
