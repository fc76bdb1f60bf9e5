/**
 * A copy's destination may hold temporary files of ours that nobody will finish: a file
 * being written when the app or a worker died, or when a worker was killed for not stopping
 * when its job was cancelled. This removes them, and nothing else: only names
 * temp-name-pattern.ts recognises, only those whose writer (the pid in the name) no longer
 * runs, as another job may be copying into the same folder; only files and links, and links
 * are never followed.
 */
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { showPath } from '../../../shared/path-bytes.js';
import { toFsPath } from './fs-path.js';
import { tempWriterPid } from '../../../shared/temp-name-pattern.js';
import { namedEntries } from './named-entries.js';
import { processRuns, waitUntilGone } from '../owner.js';

export interface LeftoverCleanup {
  removed: string[];
  /** Folders that could not be read or files that could not be removed, with why. */
  problems: { path: string; message: string }[];
}

/** Under the whole destination: a resumed or cancelled job. */
export async function removeLeftoverTemps(destinationRoot: string): Promise<LeftoverCleanup> {
  const result: LeftoverCleanup = { removed: [], problems: [] };
  const temps = await findTemps([destinationRoot], true, result);
  // A writer killed a moment ago (a dead owner's worker) may take a few milliseconds to be
  // gone; those of another procpool still at work are waited for at most waitUntilGone's while.
  await waitUntilGone(writersOf(temps));
  return removeOrphans(temps, result);
}

/**
 * In these folders only, where a worker of ours died or was killed mid-file during the job:
 * its temporary file stays behind while the item is copied again on another worker. Our own
 * workers being killed are waited for (the pool kills one over its timeout after a grace).
 */
export async function removeLeftoverTempsIn(folders: string[]): Promise<LeftoverCleanup> {
  const result: LeftoverCleanup = { removed: [], problems: [] };
  const temps = await findTemps(folders, false, result);
  await waitUntilGone(writersOf(temps), 3000, true);
  return removeOrphans(temps, result);
}

interface Temp {
  path: string;
  writer: number;
}

function writersOf(temps: Temp[]): number[] {
  return [...new Set(temps.map((temp) => temp.writer))].filter(processRuns);
}

async function removeOrphans(temps: Temp[], result: LeftoverCleanup): Promise<LeftoverCleanup> {
  await Promise.all(temps.filter((temp) => !processRuns(temp.writer)).map((temp) => remove(temp.path, result)));
  return result;
}

/** Every file or link in the folders (and below them, if `deep`) named as our temporary files are, with the pid in its name. */
async function findTemps(folders: string[], deep: boolean, result: LeftoverCleanup): Promise<Temp[]> {
  const temps: Temp[] = [];
  const pending = folders.map((folder) => ({ folder, root: true }));
  while (pending.length > 0) {
    const { folder, root } = pending.pop()!;
    let entries;
    try {
      entries = await namedEntries(folder);
    } catch (error) {
      const code = (error as { code?: string }).code;
      // A missing root means nothing was ever written.
      if (!(code === 'ENOENT' && root)) result.problems.push({ path: showPath(folder), message: String(error) });
      continue;
    }
    for (const [name, entry] of entries) {
      const path = join(folder, name);
      const writer = entry.isDirectory() ? undefined : tempWriterPid(name);
      if (entry.isDirectory()) {
        if (deep) pending.push({ folder: path, root: false });
      } else if (writer !== undefined) temps.push({ path, writer });
    }
  }
  return temps;
}

async function remove(path: string, result: LeftoverCleanup): Promise<void> {
  try {
    await unlink(toFsPath(path));
    result.removed.push(path);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') result.problems.push({ path: showPath(path), message: String(error) });
  }
}
