/**
 * The first run of a copy job: check the input, walk the source tree in a worker, decide
 * what happens to each entry given the destination and the conflict policy, and write the
 * whole plan (one ledger row per entry, the totals) in one transaction. Under the 'fail'
 * policy a conflict stops the job here, before anything is written to the destination.
 */
import { sep } from 'node:path';
import type { CopySpec } from '../../../shared/api.js';
import { JobInputError } from '../../../shared/errors.js';
import type { RunContext } from '../job-driver.js';
import { ItemState, type ItemStateValue } from '../job-record.js';
import type { LedgerItem, NewItem } from '../ledger-repo.js';
import type { ScanEntry, ScanProblem } from '../../../shared/copy-types.js';
import { planHardLinks } from './hard-links.js';
import { planConflicts, type Conflict, type PlannedAction, type PlannedEntry } from './plan-conflicts.js';
import { validateCopyInput } from './validate-copy-input.js';
import { withThousands } from '../../../shared/thousands.js';

/** What the scanTree task returns (its twin is src/workers/tasks/copy-types.ts ScanResult). */
interface ScanOutcome {
  base: string;
  root?: { mode: number; mtimeMs: number };
  entries: ScanEntry[];
  problems: ScanProblem[];
}

/**
 * The action stored with a problem item that is a folder the scan could not list: a resumed
 * or retried run lists it again (rescan-folders.ts). Other problems have no action.
 */
export const unlistedAction = 'list';

/** Kept in jobs.plan: what later runs need besides the ledger. */
export interface CopyPlanInfo {
  /** The folder entry paths are relative to. */
  base: string;
  destination: string;
  /** The source folder's own mode and time, given to the destination at the end. */
  root: { mode: number; mtimeMs: number } | null;
}

const states: Record<PlannedAction, ItemStateValue> = {
  copy: ItemState.pending,
  overwrite: ItemState.pending,
  rename: ItemState.pending,
  hardlink: ItemState.pending,
  merge: ItemState.done,
  skip: ItemState.skipped,
  fail: ItemState.failed,
};

/** A '/'-separated path relative to `root`, as a path of this platform. */
export function under(root: string, relative: string): string {
  return root + sep + (sep === '/' ? relative : relative.replaceAll('/', sep));
}

/** Where an entry goes: stored only when it is not the usual place (renamed, or inside a renamed folder). */
export function destinationOf(item: Pick<LedgerItem, 'dest' | 'path'>, info: CopyPlanInfo): string {
  return item.dest ?? under(info.destination, item.path);
}

/** Plans the copy; returns the ledger's open items (in order), for the first run to use as they are. */
export async function planCopy(run: RunContext, spec: CopySpec): Promise<LedgerItem[]> {
  const input = await validateCopyInput(spec.source, spec.destination);
  run.say('scanning the source');
  const scan = await run.apply<ScanOutcome>(run.tasks.scanTree, [input.source], (found) =>
    run.say(`scanning the source: ${withThousands(found)} entries found`),
  );
  run.say('checking the destination for conflicts');
  const plan = await planConflicts(scan.entries, input.destination, spec.onConflict);
  if (spec.onConflict === 'fail' && plan.conflicts.length > 0) {
    const bytes = scan.entries.reduce((sum, entry) => sum + entry.size, 0);
    refuse(run, plan.conflicts, { items: scan.entries.length + scan.problems.length, bytes });
  }
  const info: CopyPlanInfo = { base: scan.base, destination: input.destination, root: scan.root ?? null };
  const items: LedgerItem[] = planHardLinks(plan.entries).map((planned, seq) => toItem(planned, seq, info));
  scan.problems.forEach((problem, index) => items.push(problemItem(plan.entries.length + index, problem)));
  const counters = countersOf(items);
  run.write(() => {
    run.ledger.add(run.jobId, items);
    run.repo.patch(run.jobId, { planned: 1, plan: JSON.stringify(info), itemsTotal: items.length, ...counters });
  });
  return items.filter((item) => item.state === ItemState.pending);
}

/** What planned items add to the job's counters: those not pending (merged, skipped, failed) are through from the start. */
export function countersOf(items: readonly LedgerItem[]): { itemsDone: number; itemsFailed: number; itemsSkipped: number; bytesDone: number; bytesTotal: number } {
  const counters = { itemsDone: 0, itemsFailed: 0, itemsSkipped: 0, bytesDone: 0, bytesTotal: 0 };
  for (const item of items) {
    counters.bytesTotal += item.size ?? 0;
    if (item.state === ItemState.done) counters.itemsDone++;
    if (item.state === ItemState.failed) counters.itemsFailed++;
    if (item.state === ItemState.skipped) counters.itemsSkipped++;
    if (item.state !== ItemState.pending) counters.bytesDone += item.size ?? 0;
  }
  return counters;
}

/**
 * One literal per entry, all fields in one order (a spread per entry cost 7 µs of 5,000 files' plan each).
 * A hard link's `link` is its file's copy, and it has no bytes of its own to copy.
 */
export function toItem({ entry, destination, action, reason, linkTo }: PlannedEntry, seq: number, info: CopyPlanInfo): LedgerItem {
  const usual = under(info.destination, entry.path);
  return {
    seq,
    state: states[action],
    type: entry.type,
    path: entry.path,
    size: entry.type === 'file' && action !== 'hardlink' ? entry.size : 0,
    mode: entry.mode,
    mtimeMs: entry.mtimeMs,
    link: linkTo ?? entry.linkTarget ?? null,
    dest: destination === usual ? null : destination,
    action,
    input: null,
    result: null,
    error: action === 'fail' || action === 'skip' ? (reason ?? action) : null,
  };
}

/** An entry the scan could not read: failed from the start, with the scan's message; a folder it could not list is listed again by a retry. */
export function problemItem(seq: number, problem: ScanProblem): LedgerItem {
  const action = problem.unlisted ? unlistedAction : null;
  return { seq, state: ItemState.failed, type: 'problem', path: problem.path, size: 0, mode: null, mtimeMs: null, link: null, dest: null, action, input: null, result: null, error: problem.message };
}

/** What the 'fail' policy says of entries already at the destination: '3 entries of the source already exist at the destination (…)'. */
export function conflictsInWords(conflicts: readonly Conflict[]): string {
  const shown = conflicts.slice(0, 5).map((c) => c.destination).join(', ');
  const [what, exist] = conflicts.length === 1 ? ['entry', 'exists'] : ['entries', 'exist'];
  return `${conflicts.length} ${what} of the source already ${exist} at the destination (${shown}${conflicts.length > 5 ? ', …' : ''})`;
}

/**
 * The 'fail' policy met conflicts: they are recorded as the job's items, failed, and nothing
 * is copied. The totals are the whole copy's, so the job reads '0 / 40 items, 10 failed' at
 * 0%, not '10 / 10' at 100%: none of it was done.
 */
function refuse(run: RunContext, conflicts: Conflict[], total: { items: number; bytes: number }): never {
  const what = (type: string) => (type === 'dir' ? 'a folder' : type === 'symlink' ? 'a symbolic link' : 'a file');
  run.write(() => {
    run.ledger.add(
      run.jobId,
      conflicts.map((conflict, seq): NewItem => ({
        seq,
        type: conflict.incoming,
        path: conflict.path,
        dest: conflict.destination,
        action: 'fail',
        state: ItemState.failed,
        error: `${what(conflict.existing)} already exists at ${conflict.destination}`,
      })),
    );
    run.repo.patch(run.jobId, { itemsTotal: total.items, bytesTotal: total.bytes, itemsFailed: conflicts.length });
  });
  throw new JobInputError(
    `stopped before changing anything: ${conflictsInWords(conflicts)}. Copy again choosing what to do with them, ` +
      "skip, overwrite or rename ('If a file exists' in the app, --on-conflict on the command line), or clear the destination.",
  );
}
