/**
 * How a running job shows in the terminal: a live bar (cli-progress) with items, bytes,
 * rate and time left when the output is a terminal; a plain line at most once a second
 * otherwise; one JSON object per update with --json; nothing at all when asked.
 */
import cliProgress from 'cli-progress';
import type { JobSummary } from '../../shared/api.js';
import { bytes, count, duration, pathTail } from './format.js';
import { printable } from './printable.js';

export type ViewMode = 'bar' | 'plain' | 'json' | 'none';

/** What the job's workers hold now (working-on.ts). */
export interface WorkingOn {
  item: string;
  others: number;
}

export interface ProgressView {
  /** `working`: shown on the live bar while the job has no message of its own. */
  update(job: JobSummary, working?: WorkingOn): void;
  /** Stops the live parts; the caller prints the outcome. */
  stop(job: JobSummary): void;
}

/** 0–100, by bytes when the job has any, else by items finished (done, failed or skipped). */
export function percent(job: JobSummary): number {
  if (job.status === 'done') return 100;
  if (job.bytesTotal > 0) return Math.floor((job.bytesDone / job.bytesTotal) * 100);
  if (job.itemsTotal > 0) return Math.floor(((job.itemsDone + job.itemsFailed + job.itemsSkipped) / job.itemsTotal) * 100);
  return 0;
}

function uncounted(job: JobSummary): boolean {
  return job.itemsTotal === 0 && (job.status === 'queued' || job.status === 'running');
}

export function describe(job: JobSummary): { items: string; bytes: string; rate: string; eta: string } {
  const finished = job.itemsDone + job.itemsFailed + job.itemsSkipped;
  const rate = job.rate === undefined ? '' : job.kind === 'copy' ? `${bytes(Math.round(job.rate))}/s` : `${count(Math.round(job.rate))} items/s`;
  return {
    // Failed items are through (the bar counts them) but not copied: said next to the count.
    // Not counted before the job has read its inputs (a copy's scan): no '0/0' that reads as an empty job.
    items: uncounted(job) ? 'items not counted yet' : `${count(finished)}/${count(job.itemsTotal)} items${job.itemsFailed > 0 ? `, ${count(job.itemsFailed)} failed` : ''}`,
    bytes: job.bytesTotal > 0 ? `${bytes(job.bytesDone)}/${bytes(job.bytesTotal)}` : '',
    rate,
    eta: job.etaMs === undefined ? '' : `ETA ${duration(job.etaMs)}`,
  };
}

export function progressView(mode: ViewMode, stream: NodeJS.WriteStream): ProgressView {
  switch (mode) {
    case 'bar':
      return barView(stream);
    case 'plain':
      return plainView(stream);
    case 'json':
      return {
        update: (job) => stream.write(`${JSON.stringify({ type: 'progress', ...job, percent: percent(job) })}\n`),
        stop: () => {},
      };
    case 'none':
      return { update: () => {}, stop: () => {} };
  }
}

function barView(stream: NodeJS.WriteStream): ProgressView {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      // {left}, not {eta}: cli-progress fills {eta} with its own estimate.
      format: '{bar} {percentage}% | {items} | {bytes} | {rate} | {left} {message}',
      barsize: 30,
      hideCursor: true,
      fps: 10,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  // The item stays shown through the moment between two tasks (up to a second), so that
  // small files going by do not make it blink on and off ten times a second.
  let shown: { working: WorkingOn; at: number } | undefined;
  const payload = (job: JobSummary, working?: WorkingOn) => {
    const { eta, ...parts } = describe(job);
    return { ...parts, left: eta, message: job.message ? printable(job.message) : workingWords(job, working) };
  };
  return {
    update(job, working) {
      const now = Date.now();
      if (working) shown = { working, at: now };
      else if (shown && now - shown.at > 1000) shown = undefined;
      if (!started) {
        bar.start(100, percent(job), payload(job, shown?.working));
        started = true;
      } else {
        bar.update(percent(job), payload(job, shown?.working));
      }
    },
    stop(job) {
      if (!started) return;
      bar.update(percent(job), { ...payload(job), rate: '', left: '' });
      bar.stop();
    },
  };
}

/** 'copying …/2024/IMG_2041.jpg (+1 more)': the path cut from the left, where its name is. */
export function workingWords(job: Pick<JobSummary, 'kind'>, working: WorkingOn | undefined): string {
  if (!working) return '';
  const verb = job.kind === 'copy' ? 'copying' : 'working on';
  return `${verb} ${pathTail(printable(working.item), 40)}${working.others > 0 ? ` (+${count(working.others)} more)` : ''}`;
}

function plainView(stream: NodeJS.WriteStream): ProgressView {
  let last = 0;
  const line = (job: JobSummary, message: string | undefined) => {
    const parts = describe(job);
    const fields = [`${percent(job)}%`, parts.items, parts.bytes, parts.rate, parts.eta].filter(Boolean);
    stream.write(`job ${job.id}: ${fields.join(', ')}${message ? ` (${printable(message)})` : ''}\n`);
  };
  return {
    update(job) {
      const now = Date.now();
      // Nothing to tell before the job runs; then a line a second.
      if (job.status !== 'running' || now - last < 1000) return;
      last = now;
      line(job, job.message);
    },
    stop(job) {
      // The outcome, with its message, is printed after this.
      line(job, undefined);
    },
  };
}
