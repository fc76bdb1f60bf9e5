/**
 * Compute jobs on the run loop: the plan writes one ledger row per input (for a range, the
 * input is the row's number, not stored), the open inputs go to the mapItems task in
 * chunks (sized by unit-sizer.ts unless the spec names a chunksize), and each input's result
 * (JSON text) or error is kept in its row, in input order. A user's module runs as it is on
 * disk when the run starts: its version then goes with every task (workers/module-version.ts),
 * though the pool's workers live across jobs and an edit comes between two runs.
 */
import { join } from 'node:path';
import type { ComputeSpec } from '../../../shared/api.js';
import type { ItemOutcome, JobDriver, RunContext, UnitItem } from '../job-driver.js';
import type { LedgerItem, NewItem } from '../ledger-repo.js';
import type { JobTasks } from '../task-modules.js';
import { inputSource, label, numbersPerItem, primesPerItem, readJsonArray, readLines } from './compute-inputs.js';
import { UnitSizer } from './unit-sizer.js';

export interface ComputePlanInfo {
  /** For a range of numbers: item `seq` is `start + seq`. */
  rangeStart: number | null;
}

type MapOutcome = { ok: true; json: string } | { ok: false; error: { name: string; message: string } };

interface ScannedFiles {
  base: string;
  entries: Array<{ path: string; type: string; size: number }>;
}

export interface ComputeDriverOptions {
  /** Worker processes, for the default chunk size. */
  processes: number;
}

export function computeDriver(spec: ComputeSpec, tasks: JobTasks, options: ComputeDriverOptions): JobDriver {
  const fn = 'builtin' in spec.task ? (spec.task.builtin === 'sha256' ? tasks.hashFile : tasks.countPrimes) : spec.task;
  let info: ComputePlanInfo | undefined;
  let sizer: UnitSizer | undefined;
  let version: string | undefined;
  return {
    measure: 'items',
    plan: (run) => planCompute(run, spec),
    prepare: async (run) => {
      if ('module' in spec.task) version = await run.apply<string>(tasks.moduleVersion, [spec.task.module]);
    },
    units: (run) => {
      info ??= JSON.parse(run.row().plan!) as ComputePlanInfo;
      const row = run.row();
      const open = row.itemsTotal - row.itemsDone - row.itemsFailed - row.itemsSkipped;
      if (spec.chunksize !== undefined) return pages(run, () => spec.chunksize!, info);
      const unitSizer = (sizer = new UnitSizer(Math.max(1, Math.min(256, Math.ceil(open / (options.processes * 4))))));
      return pages(run, () => unitSizer.size, info);
    },
    task: tasks.mapItems,
    args: (items) => {
      sizer?.sent(items[0]!.seq);
      return [version === undefined ? fn : { ...fn, version }, items.map((item) => item.payload)];
    },
    outcomes: (items, value) => {
      sizer?.done(items[0]!.seq, items.length);
      return outcomes(items, value as MapOutcome[]);
    },
    describe: (items, note) => (note === undefined ? undefined : items[Number(note)]?.path),
    finish: async () => {},
  };
}

/** The open inputs in chunks of `size()` each, read from the ledger a page at a time, so a million inputs never sit in memory at once. */
function* pages(run: RunContext, size: () => number, info: ComputePlanInfo): Iterable<UnitItem[]> {
  const pageSize = 4096;
  let pending: LedgerItem[] = [];
  let next = 0;
  let after = -1;
  for (let more = true; ; ) {
    const n = size();
    while (more && pending.length - next < n) {
      const page = run.ledger.openPage(run.jobId, after, pageSize);
      more = page.length === pageSize;
      if (page.length > 0) after = page[page.length - 1]!.seq;
      pending = [...pending.slice(next), ...page];
      next = 0;
    }
    if (next >= pending.length) return;
    yield pending.slice(next, next + n).map((item) => toUnitItem(item, info));
    next += n;
  }
}

function toUnitItem(item: LedgerItem, info: ComputePlanInfo): UnitItem {
  // A range's input is its number, not stored twice.
  const payload: unknown = item.input === null ? (info.rangeStart ?? 0) + item.seq : JSON.parse(item.input);
  return { seq: item.seq, size: item.size, path: item.path, payload };
}

function outcomes(items: UnitItem[], results: MapOutcome[]): ItemOutcome[] {
  return items.map((item, index) => {
    const result = results[index];
    if (!result) return { seq: item.seq, ok: false, error: 'the task returned no result for this input' };
    return result.ok ? { seq: item.seq, ok: true, result: result.json } : { seq: item.seq, ok: false, error: `${result.error.name}: ${result.error.message}` };
  });
}

async function planCompute(run: RunContext, spec: ComputeSpec): Promise<undefined> {
  const source = inputSource(spec.inputs, numbersPerItem(spec.task));
  let items: Iterable<NewItem>;
  let total: number;
  let rangeStart: number | null = null;
  let bytes = 0;
  if (source.kind === 'range' && 'builtin' in spec.task && spec.task.builtin === 'primes') {
    const { start, end } = source;
    total = Math.ceil((end - start) / primesPerItem);
    items = Array.from({ length: total }, (_, seq) => {
      const pair = [start + seq * primesPerItem, Math.min(end, start + (seq + 1) * primesPerItem)];
      return { seq, type: 'input' as const, path: `${pair[0]}:${pair[1]}`, input: JSON.stringify(pair) };
    });
  } else if (source.kind === 'range') {
    rangeStart = source.start;
    total = source.end - source.start;
    items = rangeItems(source.start, total);
  } else if (source.kind === 'folder') {
    run.say('listing the files');
    const scan = await run.apply<ScannedFiles>(run.tasks.scanTree, [source.path]);
    const files = scan.entries.filter((entry) => entry.type === 'file');
    total = files.length;
    items = files.map((entry, seq) => {
      bytes += entry.size;
      return { seq, type: 'input' as const, path: entry.path, size: entry.size, input: JSON.stringify(join(scan.base, entry.path)) };
    });
  } else {
    const values = source.kind === 'json' ? readJsonArray(source.path) : readLines(source.path);
    total = values.length;
    items = values.map((value, seq) => {
      const json = JSON.stringify(value) ?? 'null';
      return { seq, type: 'input' as const, path: label(json), input: json };
    });
  }
  const info: ComputePlanInfo = { rangeStart };
  run.write(() => {
    run.ledger.add(run.jobId, items);
    run.repo.patch(run.jobId, { planned: 1, plan: JSON.stringify(info), itemsTotal: total, bytesTotal: bytes });
  });
  return undefined;
}

function* rangeItems(start: number, count: number): Iterable<NewItem> {
  for (let seq = 0; seq < count; seq++) yield { seq, type: 'input', path: String(start + seq) };
}
