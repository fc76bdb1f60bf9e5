/**
 * `procpool jobs [--json]`, `procpool jobs resume ID`, `procpool jobs cancel ID`, `procpool jobs results ID`,
 * `procpool jobs show ID [--json]`, `procpool jobs delete ID`
 */
import { existsSync } from 'node:fs';
import type { JobSummary } from '../../shared/api.js';
import { JobInputError } from '../../shared/errors.js';
import { defaultDbPath } from '../api/default-db-path.js';
import { statusWords } from '../../shared/api.js';
import { jobId, parseCommand, positiveInt } from './args.js';
import { openContext, type CliContext } from './cli-context.js';
import { exitCodeOf, UsageError } from './exit-codes.js';
import { bytes, count, date, duration } from './format.js';
import { help } from './help.js';
import { showJob } from './jobs-show.js';
import { printOutcome } from './outcome.js';
import { printable } from './printable.js';
import { percent, progressView } from './progress-view.js';
import { ResultPrinter } from './result-printer.js';
import { runInForeground } from './run-job.js';

/** How long `jobs cancel` waits for another process to stop a job it runs. */
const cancelWaitMs = 15_000;

const actionsOnOneJob: ReadonlySet<string> = new Set(['show', 'resume', 'cancel', 'results', 'delete']);

/** SQLite's LIMIT for no limit. */
const allRows = -1;

export async function jobsCommand(args: string[], db: string | undefined): Promise<number> {
  const { values, positionals } = parseCommand(args, { json: { type: 'boolean' }, processes: { type: 'string' } });
  if (values.help) {
    process.stdout.write(`${help.jobs}\n`);
    return 0;
  }
  const [action, id, extra] = positionals;
  if (extra !== undefined) throw new UsageError(`jobs ${action}: unexpected '${extra}'`);
  if (action !== undefined && action !== 'list' && !actionsOnOneJob.has(action)) {
    throw new UsageError(
      `jobs: unknown action '${action}': use 'procpool jobs', or 'procpool jobs ACTION ID' with ACTION one of ${[...actionsOnOneJob].join(', ')}`,
    );
  }
  const target = action !== undefined && actionsOnOneJob.has(action) ? jobId(`jobs ${action}`, id) : undefined;
  if (action === 'list' && id !== undefined) throw new UsageError(`jobs list: unexpected '${id}'`);
  // Looking at jobs never makes a database: a mistyped --db would leave one (and its folders) behind.
  const path = db ?? defaultDbPath();
  if (!existsSync(path)) {
    if (target !== undefined) throw new JobInputError(`there is no job ${target}: there is no state database at ${path} (no job has run with it; check --db or PROCPOOL_DB).`);
    if (!values.json) process.stdout.write(`No jobs yet: there is no state database at ${path}.\n`);
    return 0;
  }
  const context = openContext(path, positiveInt('--processes', values.processes, 256));
  try {
    if (action === 'resume') return await resume(context, target!, values.json ?? false);
    if (action === 'cancel') return await cancel(context, target!);
    if (action === 'results') return results(context, target!);
    if (action === 'show') {
      showJob(context, target!, values.json ?? false);
      return 0;
    }
    if (action === 'delete') return await remove(context, target!);
    list(context, values.json ?? false);
    return 0;
  } finally {
    await context.close();
  }
}

function list(context: CliContext, json: boolean): void {
  const jobs = context.jobs.list({ limit: 10_000 });
  if (json) {
    // Every failed item with its message: the terminal lists the first few and points here for the rest.
    const failures = (job: JobSummary) => (job.itemsFailed > 0 ? context.jobs.ledger.failures(job.id, allRows) : []);
    process.stdout.write(jobs.map((job) => `${JSON.stringify({ ...job, failures: failures(job) })}\n`).join(''));
    return;
  }
  if (jobs.length === 0) {
    process.stdout.write(`No jobs yet in ${context.store.path}.\n`);
    return;
  }
  const rows = jobs.map((job) => [
    String(job.id),
    statusWords[job.status],
    job.kind,
    `${percent(job)}%`,
    `${count(job.itemsDone + job.itemsFailed + job.itemsSkipped)}/${count(job.itemsTotal)}${job.itemsFailed ? ` (${count(job.itemsFailed)} failed)` : ''}`,
    job.bytesTotal > 0 ? `${bytes(job.bytesDone)}/${bytes(job.bytesTotal)}` : '',
    job.startedAt !== undefined ? date(job.startedAt) : '',
    ended(job),
    job.startedAt !== undefined ? duration(job.ranMs) : '',
    job.name,
  ]);
  const header = ['ID', 'STATUS', 'KIND', 'DONE', 'ITEMS', 'BYTES', 'STARTED', 'ENDED', 'TOOK', 'NAME'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const format = (row: string[]) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ');
  const lines = [format(header)];
  jobs.forEach((job, index) => {
    lines.push(format(rows[index]!));
    if (job.message && job.status !== 'done') lines.push(`${' '.repeat(widths[0]! + 2)}${job.message}`);
  });
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** When it ended: the time alone on the day it started, else the date too. */
function ended(job: JobSummary): string {
  if (job.finishedAt === undefined) return '';
  const end = date(job.finishedAt);
  const start = job.startedAt !== undefined ? date(job.startedAt) : '';
  return end.slice(0, 10) === start.slice(0, 10) ? end.slice(11) : end;
}

/** Removes a job that has ended from the history; one that runs is refused (exit 2), saying what to do. */
async function remove(context: CliContext, id: number): Promise<number> {
  const job = context.jobs.summary(id);
  await context.jobs.delete(id);
  const note = job.status === 'interrupted' ? ' It was Interrupted: there is nothing left to resume.' : '';
  process.stdout.write(`Deleted job ${id} (${printable(job.name)}).${note}\n`);
  return 0;
}

async function resume(context: CliContext, id: number, json: boolean): Promise<number> {
  const kind = context.jobs.summary(id).kind;
  const printer = kind === 'compute' && !json ? new ResultPrinter(context.jobs, id) : undefined;
  const stream = kind === 'compute' ? process.stderr : process.stdout;
  const view = progressView(json ? 'json' : stream.isTTY ? 'bar' : kind === 'copy' ? 'plain' : 'none', stream);
  const { job, errorName } = await runInForeground(context, () => context.jobs.resume(id), view, () => printer?.print());
  printer?.print();
  printOutcome(context, job, json, printer ? process.stderr : process.stdout);
  return exitCodeOf(job.status, errorName);
}

/**
 * A compute job's stored results, as `procpool map` printed them: one JSON value per line in
 * input order, null (and its error on stderr) for a failed input, up to the first input
 * without a result. Exit 0 when every input has its result, 1 when some failed or are not done.
 */
function results(context: CliContext, id: number): number {
  const job = context.jobs.summary(id);
  if (job.kind !== 'compute') {
    throw new UsageError(`jobs results: job ${id} is a copy job: results exist for compute jobs only ('procpool jobs' shows its counts)`);
  }
  const printer = new ResultPrinter(context.jobs, id, 'jobs results');
  printer.print();
  if (job.status === 'queued' || job.status === 'running' || printer.printed < job.itemsTotal) {
    const next = job.status === 'interrupted' || job.status === 'failed' ? `; 'procpool jobs resume ${id}' finishes it` : '';
    process.stderr.write(`procpool jobs results: job ${id} is ${statusWords[job.status]}: ${count(printer.printed)} of ${count(job.itemsTotal)} inputs have their result so far${next}\n`);
    return 1;
  }
  return printer.failed > 0 ? 1 : 0;
}

async function cancel(context: CliContext, id: number): Promise<number> {
  let job: JobSummary = await context.jobs.cancel(id);
  // Run by another procpool: it was asked through the database, and stops within a moment.
  const deadline = Date.now() + cancelWaitMs;
  while ((job.status === 'running' || job.status === 'queued') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    context.jobs.recover();
    job = context.jobs.summary(id);
  }
  if (job.status === 'running' || job.status === 'queued') {
    process.stderr.write(`Job ${id} was asked to stop; the process running it has not answered yet.\n`);
    return 1;
  }
  process.stdout.write(`${statusWords[job.status]}: job ${id} (${job.name}).\n`);
  return 0;
}
