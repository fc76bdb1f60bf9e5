/**
 * Prints a compute job's results as they become available, one JSON value per line in
 * input order: each time it is called it prints the finished items that follow the last one
 * printed, and stops at the first item not finished yet. An input that failed prints null
 * on stdout and its error on stderr. Works the same for a resumed job (it starts from the
 * first input, which the ledger still holds).
 */
import { ItemState } from '../jobs/job-record.js';
import type { Jobs } from '../jobs/jobs.js';
import { printable } from './printable.js';

export class ResultPrinter {
  private next = 0;
  failed = 0;

  constructor(
    private readonly jobs: Jobs,
    private readonly jobId: number,
    /** Names the command in messages ('procpool map: input 3 …'). */
    private readonly command = 'map',
  ) {}

  /** Inputs printed so far (the first input without a result stops the printing). */
  get printed(): number {
    return this.next;
  }

  print(): void {
    const lines: string[] = [];
    for (const item of this.jobs.results(this.jobId, this.next)) {
      if (item.state === ItemState.pending) break;
      if (item.state === ItemState.failed) {
        this.failed++;
        // One line per failed input, whatever its path or error holds.
        process.stderr.write(`procpool ${this.command}: ${printable(`input ${item.seq} (${item.path}): ${item.error ?? 'failed'}`)}\n`);
      }
      lines.push(item.result ?? 'null');
      this.next = item.seq + 1;
    }
    if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
  }
}
