/**
 * Task: walks a folder tree without following symlinks and lists what a copy needs: each
 * entry's relative path, type, size, mode, mtime and link target, plus totals. What cannot
 * be read (a folder without permission, an entry that vanished, a name that is not valid
 * UTF-8, a device or pipe) becomes a problem with its path, and the walk goes on. A folder
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
      const stats = lstatSync(folder);
      if (stats.isDirectory()) {
        this.entries.push({ path: relative, type: 'dir', size: 0, mode: stats.mode & 0o7777, mtimeMs: stats.mtimeMs });
        return true;
      }
      this.problems.push({
        path: relative,
        code: 'ENOTDIR',
        unlisted: true,
        message: `cannot read the folder ${folder}: it is no longer a folder (it is now a ${stats.isSymbolicLink() ? 'symbolic link' : stats.isFile() ? 'file' : specialKind(stats)}). Nothing in it was copied.`,
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
      message: `cannot read the folder ${folder}: ${reasonOf(error)}. Nothing in it was copied. ${next}`,
    });
  }

  /** Lists one folder; returns the relative paths of its subfolders. */
  private readFolder(relative: string): string[] {
    const folder = relative === '' ? this.base : this.base + sep + relative;
    let names: string[];
    try {
      names = readdirSync(folder).sort();
    } catch (error) {
      this.unlistedFolder(relative, folder, error);
      return [];
    }
    const subfolders: string[] = [];
    for (const name of names) {
      const path = relative === '' ? name : `${relative}/${name}`;
      if (name.includes('\uFFFD') && !isFaithful(folder, name)) {
        this.problems.push({ path, code: 'EILSEQ', message: `not copied: ${folder}${sep}${name} has a name that is not valid UTF-8; rename it and rescan` });
        continue;
      }
      if (this.addEntry(folder + sep + name, path)) subfolders.push(path);
    }
    return subfolders;
  }

  /** Records one entry; true when it is a folder to walk into. */
  private addEntry(absolute: string, path: string): boolean {
    let stats: Stats;
    try {
      stats = lstatSync(absolute);
    } catch (error) {
      this.problem(path, error, 'cannot read');
      return false;
    }
    const mode = stats.mode & 0o7777;
    if (stats.isFile()) {
      this.entries.push({ path, type: 'file', size: stats.size, mode, mtimeMs: stats.mtimeMs });
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
        this.entries.push({ path, type: 'symlink', size: 0, mode, mtimeMs: stats.mtimeMs, linkTarget: readlinkSync(absolute) });
        this.totals.links++;
      } catch (error) {
        this.problem(path, error, 'cannot read the link');
      }
      return false;
    }
    this.problems.push({ path, code: 'ESPECIAL', message: `not copied: ${absolute} is a ${specialKind(stats)}, not a file, folder or link` });
    return false;
  }

  private problem(path: string, error: unknown, what: string): void {
    const code = errorCode(error);
    const reason = error instanceof Error ? error.message : String(error);
    this.problems.push({ path, ...(code && { code }), message: `${what} ${this.base}${sep}${path === '.' ? '' : path}: ${reason}` });
  }

  private async pause(): Promise<void> {
    progress(this.entries.length, undefined, 'scanning');
    await yieldToLoop();
    this.signal.throwIfAborted();
    this.lastYield = Date.now();
  }
}

/** A name read as UTF-8 may have lost bytes (shown as U+FFFD); if so it cannot be opened by that name. */
function isFaithful(folder: string, name: string): boolean {
  const raw = readdirSync(folder, { encoding: 'buffer' });
  const encoded = Buffer.from(name);
  return raw.some((candidate) => candidate.equals(encoded));
}

function specialKind(stats: Stats): string {
  if (stats.isFIFO()) return 'named pipe';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice()) return 'character device';
  if (stats.isBlockDevice()) return 'block device';
  return 'special file';
}
