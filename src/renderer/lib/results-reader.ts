/**
 * Reads a compute job's results for the Results table: `count` inputs from `fromSeq` on, in
 * as few requests as the API's page limit allows (a refresh re-reads all the rows shown).
 */
import { maxResultsPage, type CoreApi, type JobResultsPage } from '../../shared/api.js';

export async function readResults(client: Pick<CoreApi, 'jobResults'>, jobId: number, fromSeq: number, count: number): Promise<JobResultsPage> {
  const items: JobResultsPage['items'] = [];
  let next: number | null = fromSeq;
  let total = 0;
  while (next !== null && items.length < count) {
    const page = await client.jobResults(jobId, next, Math.min(maxResultsPage, count - items.length));
    items.push(...page.items);
    next = page.nextSeq;
    total = page.total;
  }
  return { items, nextSeq: next, total };
}

/** What a result cell shows for an input, and the tone it is shown in. */
export function outcomeText(item: JobResultsPage['items'][number]): { text: string; tone: 'ok' | 'bad' | 'muted' } {
  if (item.state === 'done') return { text: item.result ?? 'null', tone: 'ok' };
  if (item.state === 'failed') return { text: item.error ?? 'failed', tone: 'bad' };
  return { text: item.state, tone: 'muted' };
}
