/**
 * Copy jobs on the run loop: the plan (copy-plan.ts), the resume (copy-resume.ts, which also
 * lists again the folders the plan could not: rescan-folders.ts), the open entries cut into
 * copyFiles batches (make-batches.ts), each entry's outcome, and at the end the temporary
 * files of workers that died mid-file, then every folder's mode and time (after its
 * contents are written, since adding an entry changes a folder's time). A job stopped
 * (paused, cancelled, from this process or another) removes the temporary files of the
 * workers killed for not stopping in time: a cancelled job is never resumed to do it.
 */
import { dirname, relative } from 'node:path';
import type { CopySpec } from '../../../shared/api.js';
import type { ItemOutcome, JobDriver, RunContext, UnitItem } from '../job-driver.js';
import { ItemState, type JobRow } from '../job-record.js';
import type { LedgerItem } from '../ledger-repo.js';
import type { JobTasks } from '../task-modules.js';
import type { CopyPlanInfo } from './copy-plan.js';
import { destinationOf, planCopy } from './copy-plan.js';
import { prepareCopy, recordFinishedOnDisk } from './copy-resume.js';
import type { CopyItem, CopyItemResult, DirFinish, ScanEntry } from '../../../shared/copy-types.js';
import { makeBatches } from './make-batches.js';
import { removeLeftoverTempsIn } from './remove-leftover-temps.js';
import { showPath } from '../../../shared/path-bytes.js';
import { withThousands } from '../../../shared/thousands.js';
import type { PlannedAction, PlannedEntry } from './plan-conflicts.js';

/** Nothing after these can succeed either: the job stops, resumable once fixed. */
const fatalCodes = new Set(['ENOSPC', 'EDQUOT', 'EROFS']);

export interface CopyDriverOptions {
  /** Entries per batch (default: make-batches.ts's); tests make it 1 to slow a copy down. */
  maxFiles?: number;
}

export function copyDriver(spec: CopySpec, tasks: JobTasks, options: CopyDriverOptions = {}): JobDriver {
  let info: CopyPlanInfo | undefined;
  const plan = (run: RunContext): CopyPlanInfo => (info ??= JSON.parse(run.row().plan!) as CopyPlanInfo);
  /** Folders where a worker died mid-file: its temporary file is left there. */
  const lostWorkersFolders = new Set<string>();
  return {
    measure: 'bytes',
    plan: (run) => planCopy(run, spec),
    prepare: (run) => prepareCopy(run, plan(run)),
    failedNote: (run) => {
      const unlisted = run.ledger.unlistedFolders(run.jobId).length;
      if (unlisted === 0) return undefined;
      const [folders, they] = unlisted === 1 ? ['1 folder', 'it'] : [`${withThousands(unlisted)} folders`, 'they'];
      return `${folders} could not be read: resume the job once ${they} can be`;
    },
    units: (run, planned) => units(planned ?? run.ledger.openItems(run.jobId), plan(run), spec, options),
    task: tasks.copyFiles,
    args: (items) => [items.map((item) => item.payload), { verify: spec.verify }],
    outcomes: (items, value) => outcomes(items, value as CopyItemResult[]),
    describe: (_items, note) => (note && info ? showPath(relative(info.destination, note) || note) : undefined),
    workerLost: (items) => {
      for (const item of items) lostWorkersFolders.add(dirname((item.payload as CopyItem).destination));
    },
    finish: async (run) => {
      if (lostWorkersFolders.size > 0) await removeLeftoverTempsIn([...lostWorkersFolders]);
      await finishFolders(run, plan(run));
    },
    stopped: async (run) => {
      const { sentUpto } = run.row();
      if (sentUpto < 0) return;
      const info = plan(run);
      // The open items that may have been with a worker: their folders, where a killed one left its file.
      const maybeSent = run.ledger.openItemsUpTo(run.jobId, sentUpto).map((item) => dirname(destinationOf(item, info)));
      await removeLeftoverTempsIn([...new Set([...lostWorkersFolders, ...maybeSent])]);
      await recordFinishedOnDisk(run, info);
    },
  };
}

function units(open: LedgerItem[], info: CopyPlanInfo, spec: CopySpec, options: CopyDriverOptions): UnitItem[][] {
  const planned: PlannedEntry[] = open.map((item) => {
    const action = (item.action ?? 'copy') as PlannedAction;
    const plan: PlannedEntry = { entry: toEntry(item), destination: destinationOf(item, info), action };
    if (action === 'hardlink') plan.linkTo = item.link!;
    return plan;
  });
  const work = makeBatches(planned, info.base, { verify: spec.verify, ...(options.maxFiles && { maxFiles: options.maxFiles }) });
  // Open items all have an action that makes exactly one batch entry, so the batches follow `open` one to one.
  let next = 0;
  return work.batches.map((batch) =>
    batch.map((payload) => {
      const item = open[next++]!;
      return { seq: item.seq, size: item.size, path: showPath(item.path), payload };
    }),
  );
}

function toEntry(item: LedgerItem): ScanEntry {
  const entry: ScanEntry = { path: item.path, type: item.type as ScanEntry['type'], size: item.size, mode: item.mode ?? 0, mtimeMs: item.mtimeMs ?? 0 };
  if (item.link !== null && item.type === 'symlink') entry.linkTarget = item.link;
  return entry;
}

function outcomes(items: UnitItem[], results: CopyItemResult[]): ItemOutcome[] {
  return items.map((item, index) => {
    const result = results[index];
    if (!result) return { seq: item.seq, ok: false, error: 'the copy task returned no result for this entry' };
    if (result.ok) return { seq: item.seq, ok: true };
    const { message, transient, code } = result.error;
    return { seq: item.seq, ok: false, error: message, transient, fatal: code !== undefined && fatalCodes.has(code) };
  });
}

/**
 * Sets every copied folder's mode and time, the destination's own last; a folder that fails
 * is a failed item. A folder the scan could not list keeps the mode it was made with (its
 * owner may write in it) until a retry has listed and filled it: the one scanned (0o000,
 * say) would lock the copy of what it holds out.
 */
async function finishFolders(run: RunContext, info: CopyPlanInfo): Promise<void> {
  const unlisted = new Set(run.ledger.unlistedFolders(run.jobId).map((item) => item.path));
  const folders = run.ledger.itemsOfType(run.jobId, 'dir').filter((item) => item.state === ItemState.done && !unlisted.has(item.path));
  const dirs: DirFinish[] = folders.map(({ mode, mtimeMs, ...item }) => ({
    destination: destinationOf(item, info),
    ...(mode !== null && { mode }),
    ...(mtimeMs !== null && { mtimeMs }),
  }));
  if (info.root && !unlisted.has('.')) dirs.push({ destination: info.destination, ...info.root });
  if (dirs.length === 0) return;
  const { failures } = await run.apply<{ failures: Array<{ path: string; message: string }> }>(run.tasks.finishDirs, [dirs]);
  const bySeq = new Map(folders.map((item, index) => [dirs[index]!.destination, item.seq]));
  // The only folder that is not an item is the destination itself.
  const rootFailure = failures.find((failure) => !bySeq.has(failure.path));
  run.write(() => {
    for (const failure of failures) {
      const seq = bySeq.get(failure.path);
      if (seq === undefined) continue;
      run.ledger.finish(run.jobId, seq, ItemState.failed, null, failure.message);
      run.repo.count(run.jobId, { itemsDone: -1, itemsFailed: 1 });
    }
  });
  if (rootFailure) throw new Error(rootFailure.message);
}

export function readPlan(row: JobRow): CopyPlanInfo | undefined {
  return row.plan ? (JSON.parse(row.plan) as CopyPlanInfo) : undefined;
}
