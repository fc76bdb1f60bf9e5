/** The colour family of a job's status word. */
import type { JobStatus } from '../../shared/api.js';

export type Tone = 'run' | 'ok' | 'bad' | 'warn' | 'idle';

export function statusTone(status: JobStatus, paused = false): Tone {
  if (paused) return 'idle';
  switch (status) {
    case 'running':
      return 'run';
    case 'done':
      return 'ok';
    case 'failed':
      return 'bad';
    case 'interrupted':
      return 'warn';
    default:
      return 'idle';
  }
}
