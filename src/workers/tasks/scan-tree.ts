/**
 * Task: walks a folder tree without following symlinks and lists what a copy needs: each
 * entry's relative path, type, size, mode, mtime and link target, plus totals, and for a
 * file with several names (hard links) its device and inode. A name that is not valid
 * UTF-8 is kept byte for byte (path-bytes.ts). What cannot be read (a folder without
 * permission, an entry that vanished, a device or pipe) becomes a problem with its path,
 * and the walk goes on. A folder
 * that could not be listed is a problem marked `unlisted`: a resumed or retried copy walks
 * just those folders again (`folders`), and plans what they hold then.
 *
 * Speed: synchronous readdir + lstat. Measured on 100,200 entries (tmpfs, warm cache):
 * 0.33–0.65 s, against 1.3–2.0 s for readdir + lstat through the promise API in parallel
 * batches of 256, whose every call is a round trip through libuv's thread pool. The worker
 * yields to its event loop every 20 ms so progress goes out and a cancellation gets in.
 */
import { lstatSync, readdirSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, resolve, sep } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { progress, signal } from '../index.js';
import { pathFromBytes, showPath } from '../../shared/path-bytes.js';
import { toFsPath } from './fs-path.js';
import { copyError, errorCode, reasonOf } from './copy-error.js';
import type { ScanEntry, ScanOptions, ScanProblem, ScanResult, ScanTotals } from '../../shared/copy-types.js';

const yieldEveryMs = 20;

export async function scanTree(source: string, options: ScanOptions = {}): Promise<ScanResult> {
  if (typeof source !== 'string' || source === '') throw new TypeError('scanTree(source): source must be a non-empty path');
  const { folders } = options;
  if (folders !== undefined && (!Array.isArray(folders) || folders.some((folder) => typeof folder !== 'string' || folder === ''))) {
    throw new TypeError('scanTree(source, { folders }): folders must be an array of relative folder paths');
  }
  const absolute = resolve(source);
  // The source itself may be a link to a folder (the user named it); links inside are never followed.
  let stats: Stats;
  try {
    stats = statSync(absolute);
  } catch (error) {
    throw copyError(error, 'scan', absolute);
  }
  if (stats.isFile()) return singleFile(absolute, stats);
  if (!stats.isDirectory()) throw new TypeError(`scanTree: ${absolute} is neither a folder nor a regular file`);
  const walk = new Walk(absolute, signal);
  await walk.run(folders?.map((folder) => (folder === '.' ? '' : folder)));
  return {
    source: absolute,
    kind: 'folder',
    base: absolute,
    root: { mode: stats.mode & 0o7777, mtimeMs: stats.mtimeMs },
    entries: walk.entries,
    totals: walk.totals,
    problems: walk.problems,
  };
}

function singleFile(absolute: string, stats: Stats): ScanResult {
  const entry: ScanEntry = { path: basename(absolute), type: 'file', size: stats.size, mode: stats.mode & 0o7777, mtimeMs: stats.mtimeMs };
  return {
    source: absolute,
    kind: 'file',
    base: dirname(absolute),
    entries: [entry],
    totals: { files: 1, bytes: stats.size, dirs: 0, links: 0 },
    problems: [],
  };
}

class Walk {
  readonly entries: ScanEntry[] = [];
  readonly totals: ScanTotals = { files: 0, bytes: 0, dirs: 0, links: 0 };
  readonly problems: ScanProblem[] = [];
  private lastYield = Date.now();

  constructor(
    private readonly base: string,
    private readonly signal: AbortSignal,
  ) {}

  /** From the source itself, or from each of `folders` (relative paths; '' is the source). */
  async run(folders: string[] = ['']): Promise<void> {
    for (const folder of folders) {
      if (folder !== '' && !this.isStillFolder(folder)) continue;
      // Depth first, children pushed in reverse: entries come out in sorted pre-order, parents first.
      const pending: string[] = [folder];
      while (pending.length > 0) {
        if (Date.now() - this.lastYield >= yieldEveryMs) await this.pause();
        const relative = pending.pop()!;
        const children = this.readFolder(relative);
        for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
      }
    }
  }

  /**
   * A folder to walk again is still a folder, not a link to one (links are never followed)
   * nor something else, and is listed itself first (its mode and time as they are now);
   * otherwise it is still unlisted, with what became of it.
   */
  private isStillFolder(relative: string): boolean {
    const folder = this.base + sep + relative;
    try {
      const stats = lstatSync(toFsPath(folder));
      if (stats.isDirectory()) {
        this.entries.push({ path: relative, type: 'dir', size: 0, mode: stats.mode & 0o7777, mtimeMs: stats.mtimeMs });
        return true;
      }
      this.problems.push({
        path: relative,
        code: 'ENOTDIR',
        unlisted: true,
        message: `cannot read the folder ${showPath(folder)}: it is no longer a folder (it is now a ${stats.isSymbolicLink() ? 'symbolic link' : stats.isFile() ? 'file' : specialKind(stats)}). Nothing in it was copied.`,
      });
    } catch (error) {
      this.unlistedFolder(relative, folder, error);
    }
    return false;
  }

  private unlistedFolder(relative: string, folder: string, error: unknown): void {
    const code = errorCode(error);
    const next =
      code === 'ENOENT'
        ? 'It was there when its parent folder was scanned; if it should be copied, restore it and resume the job.'
        : 'Once it can be read, resume the job (Resume or Retry failed in the app, procpool jobs resume on the command line) and what it holds is copied.';
    this.problems.push({
      path: relative || '.',
      ...(code && { code }),
      unlisted: true,
      message: `cannot read the folder ${showPath(folder)}: ${reasonOf(error)}. Nothing in it was copied. ${next}`,
    });
  }

  /** Lists one folder; returns the relative paths of its subfolders. */
  private readFolder(relative: string): string[] {
    const folder = relative === '' ? this.base : this.base + sep + relative;
    let names: string[];
    try {
      names = readNames(folder).sort();
    } catch (error) {
      this.unlistedFolder(relative, folder, error);
      return [];
    }
    const subfolders: string[] = [];
    for (const name of names) {
      const path = relative === '' ? name : `${relative}/${name}`;
      if (this.addEntry(folder + sep + name, path)) subfolders.push(path);
    }
    return subfolders;
  }

  /** Records one entry; true when it is a folder to walk into. */
  private addEntry(absolute: string, path: string): boolean {
    let stats: Stats;
    try {
      stats = lstatSync(toFsPath(absolute));
    } catch (error) {
      this.problem(path, error, 'cannot read');
      return false;
    }
    const mode = stats.mode & 0o7777;
    if (stats.isFile()) {
      const entry: ScanEntry = { path, type: 'file', size: stats.size, mode, mtimeMs: stats.mtimeMs };
      if (stats.nlink > 1) entry.inode = identity(absolute) ?? `${stats.dev}:${stats.ino}`;
      this.entries.push(entry);
      this.totals.files++;
      this.totals.bytes += stats.size;
      return false;
    }
    if (stats.isDirectory()) {
      this.entries.push({ path, type: 'dir', size: 0, mode, mtimeMs: stats.mtimeMs });
      this.totals.dirs++;
      return true;
    }
    if (stats.isSymbolicLink()) {
      try {
        const linkTarget = pathFromBytes(readlinkSync(toFsPath(absolute), { encoding: 'buffer' }));
        this.entries.push({ path, type: 'symlink', size: 0, mode, mtimeMs: stats.mtimeMs, linkTarget });
        this.totals.links++;
      } catch (error) {
        this.problem(path, error, 'cannot read the link');
      }
      return false;
    }
    this.problems.push({ path, code: 'ESPECIAL', message: `not copied: ${showPath(absolute)} is a ${specialKind(stats)}, not a file, folder or link` });
    return false;
  }

  private problem(path: string, error: unknown, what: string): void {
    const code = errorCode(error);
    const reason = error instanceof Error ? error.message : String(error);
    this.problems.push({ path, ...(code && { code }), message: `${what} ${showPath(`${this.base}${sep}${path === '.' ? '' : path}`)}: ${reason}` });
  }

  private async pause(): Promise<void> {
    progress(this.entries.length, undefined, 'scanning');
    await yieldToLoop();
    this.signal.throwIfAborted();
    this.lastYield = Date.now();
  }
}

/**
 * A folder's names, exactly. Read as strings (the fast way); only a folder with a name that
 * is not valid UTF-8 (it reads with U+FFFD in it) is read again as bytes, each such name kept.
 */
function readNames(folder: string): string[] {
  const path = toFsPath(folder);
  const names = readdirSync(path);
  if (!names.some((name) => name.includes('\uFFFD'))) return names;
  return readdirSync(path, { encoding: 'buffer' }).map(pathFromBytes);
}

/** Device and inode exactly (as numbers, an inode beyond 2^53 could be taken for another); rare: files with several names only. */
function identity(absolute: string): string | undefined {
  const stats = lstatSync(toFsPath(absolute), { bigint: true, throwIfNoEntry: false });
  return stats && `${stats.dev}:${stats.ino}`;
}

function specialKind(stats: Stats): string {
  if (stats.isFIFO()) return 'named pipe';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice()) return 'character device';
  if (stats.isBlockDevice()) return 'block device';
  return 'special file';
}
