/** The window's (or tab's) title: how far the running jobs are, readable from the taskbar or another tab. */
import type { JobSummary } from '../../shared/api.js';
import { percentDone } from './format.js';

export const appTitle = 'Procpool';

/** '42% · 2 jobs — Procpool' while jobs run (their mean percent, rounded down), else 'Procpool'. */
export function progressTitle(jobs: Iterable<JobSummary>, base = appTitle): string {
  let running = 0;
  let percents = 0;
  for (const job of jobs) {
    if (job.status !== 'running') continue;
    running++;
    percents += percentDone(job);
  }
  if (running === 0) return base;
  return `${Math.floor(percents / running)}% · ${running} ${running === 1 ? 'job' : 'jobs'} — ${base}`;
}
