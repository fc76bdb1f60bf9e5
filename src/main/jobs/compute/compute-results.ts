/**
 * A page of a compute job's results for the app: each input as JSON text with what became
 * of it, read from the ledger by seq (a page costs the same in a job of ten inputs or a
 * million). A range's inputs are not stored: each is the range's start plus its seq.
 */
import { resultTextLimit, type JobResultItem, type JobResultsPage, type ResultItemState } from '../../../shared/api.js';
import { JobInputError } from '../../../shared/errors.js';
import { ItemState, type JobRow } from '../job-record.js';
import type { LedgerRepo, ResultRow } from '../ledger-repo.js';
import type { ComputePlanInfo } from './compute-driver.js';

const stateNames: Record<number, ResultItemState> = {
  [ItemState.pending]: 'pending',
  [ItemState.done]: 'done',
  [ItemState.failed]: 'failed',
  [ItemState.skipped]: 'skipped',
};

export function computeResultsPage(row: JobRow, ledger: LedgerRepo, fromSeq: number, limit: number): JobResultsPage {
  if (row.kind !== 'compute') {
    throw new JobInputError(`job ${row.id} is a copy job: results exist for compute jobs only (a copy's failed items are in its details).`);
  }
  // One row more than asked tells whether another page follows, without counting the rest.
  const rows = ledger.resultRows(row.id, fromSeq, limit + 1, resultTextLimit + 1);
  const rangeStart = row.plan === null ? null : (JSON.parse(row.plan) as ComputePlanInfo).rangeStart;
  const items = rows.slice(0, limit).map((item) => toResultItem(item, rangeStart));
  return { items, nextSeq: rows.length > limit ? rows[limit]!.seq : null, total: row.itemsTotal };
}

function toResultItem(row: ResultRow, rangeStart: number | null): JobResultItem {
  const input = cut(row.input ?? String((rangeStart ?? 0) + row.seq));
  const item: JobResultItem = { seq: row.seq, input: input.text, state: stateNames[row.state] ?? 'pending' };
  let truncated = input.cut;
  if (row.result !== null && row.state === ItemState.done) {
    const result = cut(row.result);
    item.result = result.text;
    truncated ||= result.cut;
  }
  if (row.error !== null && row.state === ItemState.failed) {
    const error = cut(row.error);
    item.error = error.text;
    truncated ||= error.cut;
  }
  if (truncated) item.truncated = true;
  return item;
}

/** Text longer than the limit is cut there (never between the halves of a surrogate pair) and ends with '…'. */
function cut(text: string): { text: string; cut: boolean } {
  if (text.length <= resultTextLimit) return { text, cut: false };
  let end = resultTextLimit - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return { text: `${text.slice(0, end)}…`, cut: true };
}
