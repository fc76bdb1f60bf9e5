/**
 * What the copy planning works on: the scan's entries as the scanTree worker task returns
 * them (src/workers/tasks/copy-types.ts; main may not import workers, so the shape is
 * repeated here, and a test checks the two stay assignable to each other).
 */

export type EntryType = 'file' | 'dir' | 'symlink';

export interface ScanEntry {
  /** Relative to the scan's base, '/'-separated. */
  path: string;
  type: EntryType;
  size: number;
  mode: number;
  mtimeMs: number;
  linkTarget?: string;
}

export type ConflictPolicy = 'fail' | 'skip' | 'overwrite' | 'rename';

export const conflictPolicies: readonly ConflictPolicy[] = ['fail', 'skip', 'overwrite', 'rename'];

/** One entry for the copyFiles worker task (twin of src/workers/tasks/copy-types.ts). */
export type CopyItem =
  | { type: 'file'; source: string; destination: string; size?: number; mode?: number; mtimeMs?: number; verify?: boolean; fsync?: boolean }
  | { type: 'symlink'; source: string; destination: string; linkTarget?: string; mtimeMs?: number }
  | { type: 'dir'; source?: string; destination: string; mode?: number; mtimeMs?: number; replace?: boolean };

export interface CopyFailure {
  name: string;
  message: string;
  code?: string;
  path?: string;
  transient: boolean;
}

export type CopyItemResult =
  | { ok: true; destination: string; bytes: number }
  | { ok: false; destination: string; error: CopyFailure };

/** A folder's final mode and time, applied by the finishDirs task after its contents are written. */
export interface DirFinish {
  destination: string;
  mode?: number;
  mtimeMs?: number;
}
