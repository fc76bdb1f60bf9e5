/**
 * Getting a copy job's destination ready before its items run. The first run only makes
 * the destination folder. A resumed run (after a pause, Ctrl-C, a crash) first waits for
 * the workers of a dead owner to be gone, removes the temporary files they left, and looks
 * at the open items that may have been with a worker when the job stopped: one whose final
 * name already holds the finished copy (a file is renamed into place only once complete) is
 * recorded as done instead of being copied again; the others run again. A job that stops
 * while its process lives does the same looking as it stops (recordFinishedOnDisk). Files
 * finished before the stop are looked at too: one whose source changed since, or whose copy
 * is gone, is copied again (reopenChangedFiles), so a resumed copy is of the source as it is;
 * so are the other names (hard links) of such a file, and a name that is no longer a link
 * to its file's copy. Folders the plan could not list are listed again, and what they hold
 * is added to the job (rescan-folders.ts).
 */
import type { Stats } from 'node:fs';
import { lstat, readlink } from 'node:fs/promises';
import { pathFromBytes } from '../../../shared/path-bytes.js';
import { toFsPath } from './fs-path.js';
import type { ItemOutcome, RunContext, UnitItem } from '../job-driver.js';
import type { LedgerItem } from '../ledger-repo.js';
import { waitUntilGone } from '../owner.js';
import { destinationOf, under, type CopyPlanInfo } from './copy-plan.js';
import { removeLeftoverTemps } from './remove-leftover-temps.js';
import { rescanUnlistedFolders } from './rescan-folders.js';

export async function prepareCopy(run: RunContext, info: CopyPlanInfo): Promise<void> {
  if (run.resumed) {
    const row = run.row();
    await waitUntilGone(row.workerPids ? (JSON.parse(row.workerPids) as number[]) : []);
    await removeLeftoverTemps(info.destination);
    await recordFinishedOnDisk(run, info);
    await reopenChangedFiles(run, info);
    await rescanUnlistedFolders(run, info);
  }
  // In a worker, as every folder of the copy: Node's own recursive mkdir can spin for ever.
  await run.apply(run.tasks.makeDir, [{ destination: info.destination }]);
}

/** Records as done the open items that may have been sent and whose finished copy is on disk. */
export async function recordFinishedOnDisk(run: RunContext, info: CopyPlanInfo): Promise<void> {
  const found = await finishedOnDisk(run.ledger.openItemsUpTo(run.jobId, run.row().sentUpto), info);
  if (found.length === 0) return;
  const items: UnitItem[] = found.map((item) => ({ seq: item.seq, size: item.size, path: item.path, payload: null }));
  const outcomes: ItemOutcome[] = found.map((item) => ({ seq: item.seq, ok: true }));
  run.record(items, outcomes);
}

/**
 * Items whose copy is complete at its final name: a file with the source's size, mode and
 * time (a copy gets them only once all its bytes are written), a link with its target, a
 * file's other name that is a name of its copy. Only where nothing was there before the
 * job (the copy and rename actions; a hard link's name shows itself).
 */
async function finishedOnDisk(items: LedgerItem[], info: CopyPlanInfo): Promise<LedgerItem[]> {
  const checks = items.map(async (item) => {
    if (item.action === hardLink) return isLinkOf(destinationOf(item, info), item.link!);
    if (item.action !== null && item.action !== 'copy' && item.action !== 'rename') return false;
    const destination = destinationOf(item, info);
    const copy = await stat(destination);
    if (!copy) return false;
    if (item.type === 'file') {
      const source = await stat(under(info.base, item.path));
      return source !== undefined && isCopyOf(copy, source);
    }
    if (item.type === 'symlink') return copy.isSymbolicLink() && (await linkTarget(destination)) === item.link;
    return false;
  });
  const verdicts = await Promise.all(checks);
  return items.filter((_, index) => verdicts[index]);
}

/** File rows of the ledger looked at a time, and how many files are looked at side by side. */
const pageRows = 2000;
const atOnce = 64;

/**
 * Finished files whose source changed since they were copied (its size, mode or time are no
 * longer the copy's), or whose copy is gone, go back to be copied again, and with them their
 * other names (hard links come after their file in the ledger), as does a name that is no
 * longer a link to its file's copy. A source that is gone leaves its copy be: the copy is
 * all that is left of it.
 */
export async function reopenChangedFiles(run: RunContext, info: CopyPlanInfo): Promise<void> {
  let after = -1;
  /** The copies made again: their other names are made again too. */
  const recopied = new Set<string>();
  for (;;) {
    const { items, lastSeq } = run.ledger.doneFilesPage(run.jobId, after, pageRows);
    if (lastSeq === undefined) return;
    after = lastSeq;
    const stale: LedgerItem[] = [];
    const files = items.filter((item) => item.action !== hardLink);
    for (let i = 0; i < files.length; i += atOnce) {
      const batch = files.slice(i, i + atOnce);
      const verdicts = await Promise.all(batch.map((item) => isStale(item, info)));
      stale.push(...batch.filter((_, index) => verdicts[index]));
    }
    for (const item of stale) recopied.add(destinationOf(item, info));
    const links = items.filter((item) => item.action === hardLink);
    const verdicts = await Promise.all(links.map(async (item) => recopied.has(item.link!) || !(await isLinkOf(destinationOf(item, info), item.link!))));
    stale.push(...links.filter((_, index) => verdicts[index]));
    if (stale.length === 0) continue;
    const bytes = stale.reduce((sum, item) => sum + item.size, 0);
    run.write(() => {
      run.ledger.reopenItems(run.jobId, stale.map((item) => item.seq));
      run.repo.count(run.jobId, { itemsDone: -stale.length, bytesDone: -bytes });
    });
  }
}

async function isStale(item: LedgerItem, info: CopyPlanInfo): Promise<boolean> {
  if (item.action !== null && item.action !== 'copy' && item.action !== 'rename' && item.action !== 'overwrite') return false;
  const source = await stat(under(info.base, item.path));
  if (!source?.isFile()) return false;
  const copy = await stat(destinationOf(item, info));
  return copy === undefined || !isCopyOf(copy, source);
}

/** A ledger item that is another name of a file copied under its first name (hard-links.ts). */
const hardLink = 'hardlink';

/** Whether `path` is a name of the file at `target`. */
async function isLinkOf(path: string, target: string): Promise<boolean> {
  const [name, file] = await Promise.all([stat(path), stat(target)]);
  return name !== undefined && file !== undefined && name.isFile() && name.ino === file.ino && name.dev === file.dev;
}

/** lstat, by the path's exact bytes; undefined when there is nothing there (or it cannot be read). */
function stat(path: string): Promise<Stats | undefined> {
  return lstat(toFsPath(path)).catch(() => undefined);
}

async function linkTarget(path: string): Promise<string | undefined> {
  return readlink(toFsPath(path), { encoding: 'buffer' }).then(pathFromBytes, () => undefined);
}

/** A finished copy of `source`: a copy gets the source's size, mode and time only once all its bytes are written. */
function isCopyOf(copy: Stats, source: Stats): boolean {
  return copy.isFile() && copy.size === source.size && copy.mode === source.mode && Math.abs(copy.mtimeMs - source.mtimeMs) < 1;
}
