/**
 * The command line's exit codes (CONTRACT.md): 0 done; 1 the job ran and some items failed;
 * 2 bad usage or bad input, nothing created or changed; 130 interrupted, the job resumable.
 */
import type { JobStatus } from '../../shared/api.js';

export const ExitCode = { done: 0, itemsFailed: 1, badInput: 2, interrupted: 130 } as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Bad usage: the message says what is wrong; the command's --help says what is right. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** `errorName`: the name of the error that failed the whole job, as the jobs table keeps it. */
export function exitCodeOf(status: JobStatus, errorName: string | null): ExitCodeValue {
  switch (status) {
    case 'done':
      return ExitCode.done;
    case 'interrupted':
    case 'queued':
    case 'running':
      return ExitCode.interrupted;
    default:
      // A job refused on its input (conflicts under the 'fail' policy) changed nothing.
      return errorName === 'JobInputError' ? ExitCode.badInput : ExitCode.itemsFailed;
  }
}
