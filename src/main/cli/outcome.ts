/** What a command prints when its job has stopped: a summary, and the failed items with their messages. */
import type { JobSummary } from '../../shared/api.js';
import type { CliContext } from './cli-context.js';
import { bytes, count, duration, itemCount } from './format.js';
import { printable } from './printable.js';

/** Failed items listed in the terminal; the rest are in `procpool jobs --json` and the app. */
const shownFailures = 20;

/** `out`: where the line of a job done goes (stderr when stdout carries results). */
export function printOutcome(context: CliContext, job: JobSummary, json: boolean, out: NodeJS.WriteStream = process.stdout): void {
  const detail = context.jobs.get(job.id);
  if (json) {
    process.stdout.write(`${JSON.stringify({ type: 'summary', ...detail })}\n`);
    return;
  }
  // The time it ran: not the time it sat paused, interrupted or waiting to be retried.
  const took = duration(job.ranMs);
  // What was written, not what is through: skipped and failed files count toward the bar only.
  const copied = detail.bytesCopied !== undefined && job.bytesTotal > 0 ? detail.bytesCopied : undefined;
  const amount = copied !== undefined ? `, ${bytes(copied)} copied` : '';
  switch (job.status) {
    case 'done': {
      const skipped = job.itemsSkipped > 0 ? ` (${count(job.itemsSkipped)} skipped)` : '';
      out.write(`Done: job ${job.id}, ${itemCount(job.itemsDone)}${amount}${skipped} in ${took}\n`);
      return;
    }
    case 'interrupted':
      process.stderr.write(`Interrupted: job ${job.id} stopped at ${count(job.itemsDone)} of ${count(job.itemsTotal)} items. Resume it with: procpool jobs resume ${job.id}\n`);
      return;
    case 'cancelled':
      process.stderr.write(`Cancelled: job ${job.id}, ${count(job.itemsDone)} of ${count(job.itemsTotal)} items were done.\n`);
      return;
    default: {
      process.stderr.write(`Failed: job ${job.id}: ${printable(job.message ?? 'failed')}\n`);
      // One line per failed item, whatever its name holds.
      for (const failure of detail.failures.slice(0, shownFailures)) process.stderr.write(`  ${printable(`${failure.item}: ${failure.message}`)}\n`);
      if (job.itemsFailed > shownFailures) process.stderr.write(`  … and ${count(job.itemsFailed - shownFailures)} more ('procpool jobs --json' lists them all)\n`);
      if (copied !== undefined) process.stderr.write(`${bytes(copied)} of ${bytes(job.bytesTotal)} copied.\n`);
    }
  }
}
