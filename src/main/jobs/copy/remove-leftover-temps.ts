/**
 * After a crash, a copy's destination may hold temporary files of ours (a file being
 * written when the app or a worker died). Before a job resumes, this removes them, and
 * nothing else: only names temp-pattern.ts recognises, only files and links, and links are
 * never followed. Call it only while no job is writing to this destination.
 */
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isTempName } from '../../../shared/temp-name-pattern.js';

export interface LeftoverCleanup {
  removed: string[];
  /** Folders that could not be read or files that could not be removed, with why. */
  problems: { path: string; message: string }[];
}

export async function removeLeftoverTemps(destinationRoot: string): Promise<LeftoverCleanup> {
  const result: LeftoverCleanup = { removed: [], problems: [] };
  const pending = [destinationRoot];
  while (pending.length > 0) {
    const folder = pending.pop()!;
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      const code = (error as { code?: string }).code;
      // A missing root means nothing was ever written.
      if (!(code === 'ENOENT' && folder === destinationRoot)) result.problems.push({ path: folder, message: String(error) });
      continue;
    }
    const removals: Promise<void>[] = [];
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (isTempName(entry.name)) removals.push(remove(path, result));
    }
    await Promise.all(removals);
  }
  return result;
}

async function remove(path: string, result: LeftoverCleanup): Promise<void> {
  try {
    await unlink(path);
    result.removed.push(path);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') result.problems.push({ path, message: String(error) });
  }
}
