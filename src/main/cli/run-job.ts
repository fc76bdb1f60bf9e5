/**
 * Runs one job in the foreground: progress to the view, and Ctrl-C (or SIGTERM, SIGHUP)
 * pauses the job so it is left Interrupted and resumable, as does the output being closed
 * (`| head`); a second Ctrl-C leaves at once (the job is then found Interrupted at the next start).
 */
import type { JobSummary } from '../../shared/api.js';
import type { CliContext } from './cli-context.js';
import { onOutputClosed } from './closed-output.js';
import { ExitCode } from './exit-codes.js';
import type { ProgressView } from './progress-view.js';
import { workingOn } from './working-on.js';

export interface Finished {
  job: JobSummary;
  /** The error that failed the whole job, if one did (JobInputError: nothing was changed). */
  errorName: string | null;
}

const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export async function runInForeground(
  context: CliContext,
  start: () => Promise<JobSummary>,
  view: ProgressView,
  onChange?: (job: JobSummary) => void,
): Promise<Finished> {
  let stopping = false;
  let id: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(ExitCode.interrupted);
    stopping = true;
    const why = signal === 'SIGINT' ? 'Ctrl-C' : signal;
    void context.jobs.close(`interrupted by ${why}; 'procpool jobs resume ${id ?? 'ID'}' goes on from here`);
  };
  for (const signal of signals) process.on(signal, onSignal);
  // Nobody reads the results any more: stop as on Ctrl-C rather than compute them for nothing.
  const stopListening = onOutputClosed(() => {
    if (stopping) return;
    stopping = true;
    void context.jobs.close(`interrupted: its output was closed (EPIPE); 'procpool jobs resume ${id ?? 'ID'}' goes on from here`);
  });
  try {
    const job = await start();
    id = job.id;
    const off = context.jobs.on('job', (changed) => {
      if (changed.id !== job.id) return;
      view.update(changed, workingOn(context, job.id));
      onChange?.(changed);
    });
    view.update(job);
    const end = await context.jobs.wait(job.id);
    off();
    view.stop(end);
    onChange?.(end);
    return { job: end, errorName: context.jobs.repo.get(job.id)?.errorName ?? null };
  } finally {
    stopListening();
    for (const signal of signals) process.off(signal, onSignal);
  }
}
