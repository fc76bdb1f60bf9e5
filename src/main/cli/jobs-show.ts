/** `procpool jobs show ID [--json]`: one job's spec, counters, times and every failed item. */
import { statusWords, type JobDetail, type JobSpec } from '../../shared/api.js';
import type { CliContext } from './cli-context.js';
import { bytes, count, duration } from './format.js';
import { printable } from './printable.js';

/** SQLite's LIMIT for no limit. */
const allRows = -1;

export function showJob(context: CliContext, id: number, json: boolean): void {
  const job: JobDetail = { ...context.jobs.get(id), failures: context.jobs.ledger.failures(id, allRows) };
  if (json) {
    process.stdout.write(`${JSON.stringify(job)}\n`);
    return;
  }
  const lines: Array<[string, string]> = [
    ['Status', `${statusWords[job.status]}${job.message ? `: ${job.message}` : ''}`],
    ['Kind', job.kind],
    ...specLines(job.spec),
    ['Items', `${count(job.itemsDone)} done, ${count(job.itemsFailed)} failed, ${count(job.itemsSkipped)} skipped of ${count(job.itemsTotal)}`],
  ];
  if (job.bytesTotal > 0) {
    const copied = job.bytesCopied !== undefined ? ` (${bytes(job.bytesCopied)} copied)` : '';
    lines.push(['Bytes', `${bytes(job.bytesDone)} of ${bytes(job.bytesTotal)}${copied}`]);
  }
  lines.push(
    ['Created', dateTime(job.createdAt)],
    ['Started', job.startedAt !== undefined ? dateTime(job.startedAt) : '–'],
    ['Ended', job.finishedAt !== undefined ? dateTime(job.finishedAt) : '–'],
    // The time it ran, not the time since it started: paused and queued time do not count.
    ['Ran for', duration(job.ranMs)],
  );
  const width = Math.max(...lines.map(([label]) => label.length)) + 2;
  const out = [`Job ${job.id}: ${job.name}`, ...lines.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`)];
  if (job.failures.length > 0) {
    out.push(`Failed items (${count(job.failures.length)}):`);
    for (const failure of job.failures) out.push(`  ${failure.item}: ${failure.message}`);
  }
  // Each line one terminal line, whatever a name or a message holds.
  process.stdout.write(`${out.map(printable).join('\n')}\n`);
}

/** 2025-05-12 14:02:09, local time. */
export function dateTime(ms: number): string {
  const d = new Date(ms);
  const pad = (v: number) => String(v).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A spec's inputs as labelled lines; a field this printer does not know is shown as it is stored. */
function specLines(spec: JobSpec): Array<[string, string]> {
  const lines: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(spec)) {
    if (key === 'kind' || key === 'name' || value === undefined) continue;
    if (spec.kind === 'compute' && key === 'task') lines.push(['Task', 'builtin' in spec.task ? `built-in ${spec.task.builtin}` : `${spec.task.name} from ${spec.task.module}`]);
    else if (spec.kind === 'compute' && key === 'inputs') lines.push(['Inputs', spec.inputs.type === 'range' ? `range ${spec.inputs.start}:${spec.inputs.end}` : spec.inputs.path]);
    else lines.push([label(key), text(value)]);
  }
  return lines;
}

/** onConflict → 'On conflict'. */
function label(key: string): string {
  const words = key.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function text(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '–' : value.map((item) => text(item)).join(', ');
  return JSON.stringify(value);
}
