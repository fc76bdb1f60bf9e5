/**
 * Jobs that other processes deleted (`procpool jobs delete` beside the app), found by the
 * deletions they recorded (jobs-repo.ts): a deleted row is gone, so a poll of changed rows
 * never sees it. This process's own deletions are announced when they happen; the poll
 * passes over them so that nobody hears of a deletion twice.
 */
import type { JobsRepo } from '../jobs/jobs-repo.js';

export class ForeignDeletions {
  private after: number;
  private readonly ours = new Set<number>();

  constructor(private readonly repo: JobsRepo) {
    // Deletions from before the service started concern nobody watching it.
    this.after = repo.lastDeletion();
  }

  /** Deleted by this process, and already announced. */
  announced(ids: readonly number[]): void {
    for (const id of ids) this.ours.add(id);
  }

  /** Ids of the jobs deleted by others since the last call, in the order they were. */
  take(): number[] {
    const found = this.repo.deletionsAfter(this.after);
    this.after = found.at(-1)?.seq ?? this.after;
    // Ids are never reused: once met, an id of ours is done with.
    return found.map((deletion) => deletion.jobId).filter((id) => !this.ours.delete(id));
  }
}
