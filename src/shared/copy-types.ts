/**
 * The plain data that copy tasks take and return, as both sides see it: the workers that
 * scan and copy, and the jobs layer that plans and records. Everything here is
 * structured-cloneable, so it crosses the worker boundary as it is. A path may hold bytes
 * that are not UTF-8, as escapes (path-bytes.ts): give it to fs through toFsPath (fs-path.ts), to people
 * through showPath.
 */

export type EntryType = 'file' | 'dir' | 'symlink';

/** One thing found by a scan, its path relative to the scan's `base`, '/'-separated. */
export interface ScanEntry {
  path: string;
  type: EntryType;
  /** Bytes for a file; 0 for folders and links. */
  size: number;
  /** Permission bits (mode & 0o7777). */
  mode: number;
  mtimeMs: number;
  /** What a symlink points to, as written in the link (never resolved). */
  linkTarget?: string;
  /** A file with more than one name (hard links): its device and inode, the same for each of its names. */
  inode?: string;
}

export interface ScanTotals {
  files: number;
  bytes: number;
  dirs: number;
  links: number;
}

/** Something the scan could not read or will not copy; the scan goes on without it. */
export interface ScanProblem {
  path: string;
  code?: string;
  message: string;
  /** A folder whose contents could not be listed: walking it again (ScanOptions.folders) may find them. */
  unlisted?: true;
}

export interface ScanOptions {
  /**
   * Walk only these folders of the source (paths relative to it, '/'-separated; '.' is the
   * source itself): those a first scan could not list. Each is an entry itself (but '.'),
   * before what it holds; entry paths stay relative to `source`.
   */
  folders?: string[];
}

export interface ScanResult {
  /** The absolute path that was scanned. */
  source: string;
  /** 'file' when the source is a single file: then `entries` holds just that file. */
  kind: 'folder' | 'file';
  /** Entry paths are relative to this: the source folder, or a single file's folder. */
  base: string;
  /** The source folder's own mode and mtime, for the destination root (folders only). */
  root?: { mode: number; mtimeMs: number };
  /** Parents always come before their children. */
  entries: ScanEntry[];
  totals: ScanTotals;
  problems: ScanProblem[];
}

/** One file to copy. `size` is the scan's: the copy uses the source as it is now, mode and times included. */
export interface CopyFileInput {
  source: string;
  destination: string;
  size?: number;
  /** Hash source and copy (SHA-256) after writing; a mismatch fails the file. */
  verify?: boolean;
  /** fsync the copy before it is renamed into place (off by default: see copy-file.ts). */
  fsync?: boolean;
}

export interface CopyFileResult {
  destination: string;
  bytes: number;
  mode: number;
  mtimeMs: number;
  /** The verified SHA-256 of source and copy, when `verify` was asked. */
  sha256?: string;
}

/**
 * One entry of a batch: a file, a symlink (made as a link, never followed), a folder, or
 * another name of a file copied before it (a hard link to `target`, that file's copy).
 */
export type CopyItem =
  | ({ type: 'file' } & CopyFileInput)
  | { type: 'symlink'; source: string; destination: string; linkTarget?: string; mtimeMs?: number }
  | { type: 'hardlink'; source: string; destination: string; target: string }
  | { type: 'dir'; source?: string; destination: string; mode?: number; mtimeMs?: number; replace?: boolean };

/** The outcome of one batch item: a failure is data, so one bad file never sinks its batch. */
export type CopyItemResult =
  | { ok: true; destination: string; bytes: number }
  | { ok: false; destination: string; error: CopyFailure };

export interface CopyFailure {
  name: string;
  message: string;
  code?: string;
  path?: string;
  /** EBUSY, EAGAIN, EMFILE…: worth trying again later. */
  transient: boolean;
}

/** What was copied: the source's bytes, mode and times as they were when it was read. */
export interface FileMeta {
  bytes: number;
  mode: number;
  mtimeMs: number;
  atimeMs: number;
}

/** A folder's final mode and time, applied by the finishDirs task after its contents are written. */
export interface DirFinish {
  destination: string;
  mode?: number;
  mtimeMs?: number;
}
