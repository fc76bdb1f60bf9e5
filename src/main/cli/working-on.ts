/**
 * What a job's workers hold right now, for the terminal's live bar: the item of the first of
 * them ('photos/2024/IMG_2041.jpg'), and how many more are at work beside it.
 */
import type { CliContext } from './cli-context.js';

export function workingOn(context: Pick<CliContext, 'pool' | 'jobs'>, jobId: number): { item: string; others: number } | undefined {
  if (!context.pool.isStarted) return undefined;
  const items: string[] = [];
  for (const worker of context.pool.workers()) {
    const row = context.jobs.activity.of(worker);
    if (row?.jobId === jobId && row.item !== undefined) items.push(row.item);
  }
  return items.length === 0 ? undefined : { item: items[0]!, others: items.length - 1 };
}
