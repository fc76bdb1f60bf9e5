/** What a job row shows of the job's message: only what its status word and counts do not already say. */
import { statusWords, type JobSummary } from '../../shared/api.js';
import { isPaused } from './job-actions.js';

// The engine's summary of a failed job ('10 of 30 items failed', then what is left to do after
// a semicolon): the row's item and failed counts say the first part.
const failedSummary = /^([\d,]+) of [\d,]+ items? failed(?:\.|; (.+))?$/is;

export function shownMessage(job: Pick<JobSummary, 'status' | 'message' | 'itemsFailed'>): string | undefined {
  const message = job.message?.trim();
  if (!message) return undefined;
  // The status pill already says 'Cancelled', 'Paused', 'Interrupted': keep only the reason after it.
  const word = (isPaused(job) ? 'paused' : statusWords[job.status]).toLowerCase();
  const lower = message.toLowerCase();
  if (lower === word || lower === `${word}.`) return undefined;
  const rest = lower.startsWith(`${word}:`) ? message.slice(word.length + 1).trim() : message;
  if (!rest) return undefined;
  const failed = failedSummary.exec(rest);
  if (failed && job.itemsFailed > 0 && Number(failed[1]?.replaceAll(',', '')) === job.itemsFailed) return failed[2];
  return rest;
}
