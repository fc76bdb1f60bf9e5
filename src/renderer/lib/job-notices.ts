/** What the app says of a job that starts or ends: a toast's text, a notification's title and body. */
import { statusWords, type JobSummary } from '../../shared/api.js';
import { formatCount } from './format.js';

export interface NoticeText {
  text: string;
  tone: 'info' | 'error';
}

/**
 * The first toast of a job just started: 'Started …' while it runs or waits, but what became
 * of it when it has already ended (a job whose every input fails is Failed before the toast).
 */
export function startNotice(job: Pick<JobSummary, 'name' | 'status' | 'message'>): NoticeText {
  if (job.status === 'failed') return { text: `${job.name} failed${job.message ? `: ${job.message}` : ''}`, tone: 'error' };
  if (job.status === 'done') return { text: `${job.name} is done`, tone: 'info' };
  if (job.status === 'cancelled') return { text: `${job.name} was cancelled`, tone: 'info' };
  return { text: `Started ${job.name}`, tone: 'info' };
}

const itemsOf = (job: JobSummary): string => `${formatCount(job.itemsDone)} of ${formatCount(job.itemsTotal)} ${job.kind === 'copy' ? 'files' : 'items'}`;

/** One notification for the jobs that ended while nobody looked: the job itself when one, a tally when more. */
export function endNotice(jobs: readonly JobSummary[]): { title: string; body: string } {
  const [job] = jobs;
  if (jobs.length === 1 && job) {
    const word = statusWords[job.status].toLowerCase();
    if (job.status === 'failed') return { title: `${job.name}: failed`, body: job.message ?? `${formatCount(job.itemsFailed)} failed` };
    return { title: `${job.name}: ${word}`, body: job.itemsFailed > 0 ? `${itemsOf(job)}; ${formatCount(job.itemsFailed)} failed` : itemsOf(job) };
  }
  const tally = new Map<string, number>();
  for (const { status } of jobs) tally.set(statusWords[status].toLowerCase(), (tally.get(statusWords[status].toLowerCase()) ?? 0) + 1);
  return { title: `${jobs.length} jobs ended`, body: [...tally].map(([word, n]) => `${n} ${word}`).join(', ') };
}
