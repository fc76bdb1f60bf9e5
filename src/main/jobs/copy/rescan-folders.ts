/**
 * A resumed or retried copy lists again each folder its plan could not list (permission
 * denied, say) and plans what it holds now, as the first plan would have: the same conflict
 * policy and rules (planConflicts, inside the folder's own destination: merged into,
 * renamed, or skipped with it). What a folder holds is added to the ledger and the job's
 * totals (which only grow) in the same transaction that marks the folder's item done, so a
 * run killed here leaves the folder failed and listed again next time, never half-added.
 * A folder still unreadable, or gone, stays a failed item with what the scan says now.
 * Under the 'fail' policy a folder whose contents meet anything at the destination adds
 * none of them: it stays failed, naming what is in the way, and nothing is written for it.
 */
import type { CopySpec } from '../../../shared/api.js';
import type { ScanEntry, ScanProblem } from '../../../shared/copy-types.js';
import type { RunContext } from '../job-driver.js';
import { ItemState } from '../job-record.js';
import type { LedgerItem } from '../ledger-repo.js';
import { withThousands } from '../../../shared/thousands.js';
import { conflictsInWords, countersOf, destinationOf, problemItem, toItem, type CopyPlanInfo } from './copy-plan.js';
import { planHardLinks } from './hard-links.js';
import { planConflicts, type PlanWithin, type PlannedEntry } from './plan-conflicts.js';

interface RescanOutcome {
  root?: { mode: number; mtimeMs: number };
  entries: ScanEntry[];
  problems: ScanProblem[];
}

/** What became of one folder listed again. */
type Relisted =
  | { folder: LedgerItem; listed: true; self: ScanEntry | undefined; own: LedgerItem | undefined; planned: PlannedEntry[]; problems: ScanProblem[] }
  | { folder: LedgerItem; listed: false; message: string };

/** Lists again the folders the plan could not list; returns how many are listed now. */
export async function rescanUnlistedFolders(run: RunContext, info: CopyPlanInfo): Promise<number> {
  const folders = run.ledger.unlistedFolders(run.jobId);
  if (folders.length === 0) return 0;
  const spec = run.spec as CopySpec;
  run.say(`listing again ${withThousands(folders.length)} ${folders.length === 1 ? 'folder' : 'folders'} the scan could not read`);
  const scan = await listAgain(run, info, folders);
  const dirs = new Map(run.ledger.itemsOfType(run.jobId, 'dir').map((item) => [item.path, item]));
  const found = byFolder(folders, scan);
  const outcomes: Relisted[] = [];
  for (const folder of folders) outcomes.push(await planFolder(folder, found.get(folder.path)!, dirs, info, spec));
  const rootListed = outcomes.some((outcome) => outcome.listed && outcome.folder.path === '.') ? (scan.root ?? null) : null;
  write(run, info, outcomes, rootListed);
  run.say(undefined);
  return outcomes.filter((outcome) => outcome.listed).length;
}

/** One scan task for all the folders; a source gone altogether leaves each of them as it was, saying so. */
async function listAgain(run: RunContext, info: CopyPlanInfo, folders: LedgerItem[]): Promise<RescanOutcome> {
  try {
    return await run.apply<RescanOutcome>(run.tasks.scanTree, [info.base, { folders: folders.map((folder) => folder.path) }]);
  } catch (error) {
    if ((error as Error).name !== 'CopyError') throw error;
    const message = `${(error as Error).message} Nothing in this folder was copied.`;
    return { entries: [], problems: folders.map((folder) => ({ path: folder.path, message, unlisted: true })) };
  }
}

/** What the scan found of each folder: the folder itself, what is inside it, its problems and theirs. */
interface Found {
  self: ScanEntry | undefined;
  entries: ScanEntry[];
  problems: ScanProblem[];
  /** The folder could not be listed this time either. */
  still: ScanProblem | undefined;
}

/** Sorts the scan's findings by the folder they are in (unlisted folders are never inside one another: what is inside one was never seen). */
function byFolder(folders: LedgerItem[], scan: RescanOutcome): Map<string, Found> {
  const found = new Map<string, Found>(folders.map((folder) => [folder.path, { self: undefined, entries: [], problems: [], still: undefined }]));
  const rootFolder = found.get('.');
  /** The folder a path is in or is: its nearest ancestor among the folders (or the source itself). */
  const home = (path: string): Found | undefined => {
    for (let end = path.length; end > 0; end = path.lastIndexOf('/', end - 1)) {
      const folder = found.get(path.slice(0, end));
      if (folder) return folder;
    }
    return rootFolder;
  };
  for (const entry of scan.entries) {
    const folder = home(entry.path);
    if (!folder) continue;
    if (found.get(entry.path) === folder) folder.self = entry;
    else folder.entries.push(entry);
  }
  for (const problem of scan.problems) {
    const folder = home(problem.path);
    if (!folder) continue;
    if (found.get(problem.path) === folder && problem.unlisted) folder.still = problem;
    else folder.problems.push(problem);
  }
  return found;
}

async function planFolder(folder: LedgerItem, { self, entries, problems, still }: Found, dirs: Map<string, LedgerItem>, info: CopyPlanInfo, spec: CopySpec): Promise<Relisted> {
  if (still) return { folder, listed: false, message: still.message };
  const root = folder.path === '.';
  const prefix = root ? '' : `${folder.path}/`;
  const own = root ? undefined : dirs.get(folder.path);
  const destination = own ? destinationOf(own, info) : root ? info.destination : destinationOf({ path: folder.path, dest: null }, info);
  const plan = await planConflicts(
    entries.map((entry) => ({ ...entry, path: entry.path.slice(prefix.length) })),
    destination,
    spec.onConflict,
    own ? within(own) : {},
  );
  if (spec.onConflict === 'fail' && plan.conflicts.length > 0) {
    const message =
      `the folder ${destination} could be read now, but nothing in it was copied: ${conflictsInWords(plan.conflicts)}. ` +
      'Move them away and resume the job, or copy again choosing what to do with them (skip, overwrite or rename).';
    return { folder, listed: false, message };
  }
  // Planned relative to the folder; kept in the ledger relative to the source, as every entry is.
  const planned = plan.entries.map((entry, index) => ({ ...entry, entry: entries[index]! }));
  return { folder, listed: true, self, own, planned, problems };
}

/** A folder the first plan skipped or failed (a conflict of its own, or its parent's) takes its contents with it. */
function within(folder: LedgerItem): PlanWithin {
  if (folder.action !== 'skip' && folder.action !== 'fail') return {};
  const why = folder.error ?? folder.action;
  const reason = why.startsWith('its folder was not copied: ') ? why : `its folder was not copied: ${why}`;
  return { blocked: { action: folder.action, reason } };
}

/** The listed folders' contents, their items done, the rest's messages: one transaction. */
function write(run: RunContext, info: CopyPlanInfo, outcomes: Relisted[], rootListed: CopyPlanInfo['root']): void {
  run.write(() => {
    let seq = run.ledger.lastSeq(run.jobId);
    const items: LedgerItem[] = [];
    let listed = 0;
    for (const outcome of outcomes) {
      if (!outcome.listed) {
        if (outcome.message !== outcome.folder.error) run.ledger.finish(run.jobId, outcome.folder.seq, ItemState.failed, null, outcome.message);
        continue;
      }
      // Names of one file within the folder stay one file (hard-links.ts); with a file copied before, they cannot.
      for (const planned of planHardLinks(outcome.planned)) items.push(toItem(planned, ++seq, info));
      for (const problem of outcome.problems) items.push(problemItem(++seq, problem));
      run.ledger.finish(run.jobId, outcome.folder.seq, ItemState.done);
      // Its mode was unreadable then (000, say): it gets the one it has now once its contents are in.
      if (outcome.own && outcome.self) run.ledger.updateModeTime(run.jobId, outcome.own.seq, outcome.self.mode, outcome.self.mtimeMs);
      listed++;
    }
    if (listed === 0) return;
    run.ledger.add(run.jobId, items);
    const { bytesTotal, ...counters } = countersOf(items);
    const row = run.row();
    run.repo.count(run.jobId, { ...counters, itemsDone: counters.itemsDone + listed, itemsFailed: counters.itemsFailed - listed });
    run.repo.patch(run.jobId, { itemsTotal: row.itemsTotal + items.length, bytesTotal: row.bytesTotal + bytesTotal });
    if (rootListed) {
      // The source folder itself was the unlisted one: the destination gets its mode and time as they are now.
      Object.assign(info, { root: rootListed });
      run.repo.patch(run.jobId, { plan: JSON.stringify(info) });
    }
  });
}
