/**
 * Cancel, pause, resume and retry, wherever the job is: running in this process (its run is
 * told), queued here (taken out of the queue), run by another live procpool (asked through
 * the job's row, which that process polls), or left behind by a process that died (changed
 * in the row directly, after cleaning up what it left). State changes that race with other
 * processes happen inside one write transaction.
 */
import { statusWords, type JobStatus, type JobSummary } from '../../shared/api.js';
import { JobInputError } from '../../shared/errors.js';
import { readPlan } from './copy/copy-driver.js';
import { removeLeftoverTemps } from './copy/remove-leftover-temps.js';
import type { JobRow } from './job-record.js';
import type { Jobs } from './jobs.js';
import { currentOwner, isAlive, waitUntilGone } from './owner.js';

export class JobControl {
  constructor(private readonly jobs: Jobs) {}

  need(id: number): JobRow {
    const row = this.jobs.repo.get(id);
    if (!row) throw new JobInputError(`there is no job ${id} in ${this.jobs.store.path} ('procpool jobs' lists the jobs there).`);
    return row;
  }

  async cancel(id: number): Promise<JobSummary> {
    const run = this.jobs.runOf(id);
    if (run) {
      run.stop('cancel', 'cancelled');
      const cancelled = await this.jobs.wait(id);
      // A worker killed for not stopping (after the pool's grace) left its temporary file.
      await this.removeTemps(this.need(id));
      return cancelled;
    }
    if (this.jobs.dequeue(id)) return this.markStopped(id, 'cancelled', 'cancelled');
    this.recover();
    const row = this.need(id);
    if (row.status === 'done' || row.status === 'cancelled') {
      throw new JobInputError(`job ${id} is already ${statusWords[row.status]}: there is nothing to cancel.`);
    }
    if (this.runsElsewhere(row)) return this.ask(id, 'cancel');
    await this.cleanUp(row);
    return this.markStopped(id, 'cancelled', 'cancelled');
  }

  async pause(id: number): Promise<JobSummary> {
    const run = this.jobs.runOf(id);
    if (run) {
      run.stop('pause', 'paused');
      return this.jobs.wait(id);
    }
    if (this.jobs.dequeue(id)) return this.markStopped(id, 'interrupted', 'paused');
    this.recover();
    const row = this.need(id);
    if (this.runsElsewhere(row)) return this.ask(id, 'pause');
    throw new JobInputError(`job ${id} is ${statusWords[row.status]}, not running: only a running or queued job can be paused.`);
  }

  /** Goes on with an Interrupted job; a Failed one also tries its failed items again. */
  async resume(id: number): Promise<JobSummary> {
    return this.requeue(id, (row) => {
      if (row.status === 'done') throw new JobInputError(`job ${id} is Done: there is nothing to resume.`);
      if (row.status === 'cancelled') throw new JobInputError(`job ${id} was Cancelled and cannot be resumed: start it again as a new job.`);
      if (row.status === 'failed') this.checkSomethingToRetry(row, this.reopenFailed(row) + this.unlistedFolders(row));
    });
  }

  /** Tries the failed items of a job again, whatever way it ended. */
  async retryFailed(id: number): Promise<JobSummary> {
    return this.requeue(id, (row) => {
      const reopened = this.reopenFailed(row) + this.unlistedFolders(row);
      if (reopened === 0 && row.planned === 1 && (row.status === 'done' || row.status === 'cancelled')) {
        throw new JobInputError(`job ${id} has no failed items to retry.`);
      }
      if (row.status === 'failed') this.checkSomethingToRetry(row, reopened);
    });
  }

  /**
   * A Failed job whose items are all through, none of whose failures a retry can change
   * (a pipe or socket in the source, a conflict the plan refused), would only fail again.
   * A folder the scan could not list is something to retry: the run lists it again.
   */
  private checkSomethingToRetry(row: JobRow, reopened: number): void {
    const through = row.itemsDone + row.itemsFailed + row.itemsSkipped >= row.itemsTotal;
    if (reopened > 0 || row.planned !== 1 || !through) return;
    throw new JobInputError(
      `job ${row.id} has nothing a retry can change: its ${row.itemsFailed} failed ${row.itemsFailed === 1 ? 'item is' : 'items are'} ` +
        'what cannot be copied as it is (a pipe, socket or device in the source, or a conflict the plan refused). ' +
        'Fix that in the source or the destination, then copy again (with the skip conflict policy, what is already there stays).',
    );
  }

  /** A copy's folders the scan could not list: a resumed run lists them again (rescan-folders.ts), so they count as retried. */
  private unlistedFolders(row: JobRow): number {
    return row.kind === 'copy' && this.jobs.ledger.hasUnlistedFolders(row.id) ? 1 : 0;
  }

  recover(): number[] {
    const found: number[] = [];
    const me = currentOwner();
    for (const candidate of this.jobs.repo.liveJobs()) {
      if (this.jobs.runOf(candidate.id) || this.isQueuedHere(candidate.id)) continue;
      const mine = candidate.ownerPid === me.pid && candidate.ownerStart === me.start;
      if (!mine && isAlive(candidate.ownerPid, candidate.ownerStart)) continue;
      const changed = this.jobs.store.transaction(() => {
        const row = this.jobs.repo.get(candidate.id);
        if (!row || (row.status !== 'running' && row.status !== 'queued') || row.ownerPid !== candidate.ownerPid || row.ownerStart !== candidate.ownerStart) return false;
        const message = `interrupted: the process that ran it (pid ${row.ownerPid ?? '?'}) ended before it finished; resume it to go on`;
        // Its last sign of life is the last change of its row: the run counts up to there.
        this.jobs.repo.endRun(row.id, row.updatedAt);
        this.jobs.repo.patch(row.id, { status: 'interrupted', message, control: null });
        return true;
      });
      if (changed) {
        found.push(candidate.id);
        this.jobs.changed(candidate.id, true);
      }
    }
    return found;
  }

  /**
   * Deletes jobs that have ended (not Running or Queued, here or in another live procpool),
   * each with its ledger; returns the ids deleted. `strict`: a job that runs or is not there
   * is an error (one job asked for by name), else it is passed over (clearing a list).
   * Nobody resumes a deleted Interrupted copy: the temporary files it left are removed.
   */
  async remove(ids: readonly number[], strict: boolean): Promise<number[]> {
    this.recover();
    const deleted: JobRow[] = [];
    for (const id of ids) {
      const row = this.jobs.store.transaction(() => {
        const row = strict ? this.need(id) : this.jobs.repo.get(id);
        if (!row) return undefined;
        if (this.jobs.runOf(id) || this.isQueuedHere(id) || row.status === 'running' || row.status === 'queued') {
          if (!strict) return undefined;
          const where = this.jobs.runOf(id) || this.isQueuedHere(id) ? '' : ` in another procpool process (pid ${row.ownerPid ?? '?'})`;
          throw new JobInputError(
            `job ${id} is ${statusWords[row.status]}${where}: only a job that has ended can be deleted; cancel it first ('procpool jobs cancel ${id}'), or wait for it to end.`,
          );
        }
        this.jobs.repo.delete(id);
        return row;
      });
      if (row) deleted.push(row);
    }
    for (const row of deleted) if (row.status === 'interrupted') await this.cleanUp(row);
    return deleted.map((row) => row.id);
  }

  markStopped(id: number, status: JobStatus, message: string): JobSummary {
    this.jobs.repo.patch(id, { status, message, control: null, finishedAt: status === 'cancelled' ? Date.now() : null });
    this.jobs.changed(id, true);
    return this.jobs.summary(id);
  }

  private async requeue(id: number, check: (row: JobRow) => void): Promise<JobSummary> {
    if (this.jobs.runOf(id) || this.isQueuedHere(id)) throw new JobInputError(`job ${id} is already running.`);
    this.recover();
    const owner = currentOwner();
    this.jobs.store.transaction(() => {
      const row = this.need(id);
      if (row.status === 'running' || row.status === 'queued') {
        throw new JobInputError(`job ${id} is ${statusWords[row.status]} in another procpool process (pid ${row.ownerPid ?? '?'}); wait for it, or cancel it first.`);
      }
      check(row);
      this.jobs.repo.patch(id, { status: 'queued', ownerPid: owner.pid, ownerStart: owner.start, message: null, errorName: null, control: null, finishedAt: null });
    });
    this.jobs.enqueue(id);
    return this.jobs.summary(id);
  }

  private reopenFailed(row: JobRow): number {
    const { items, bytes } = this.jobs.ledger.reopenFailedItems(row.id);
    if (items > 0) this.jobs.repo.count(row.id, { itemsFailed: -items, bytesDone: -bytes });
    return items;
  }

  private runsElsewhere(row: JobRow): boolean {
    return (row.status === 'running' || row.status === 'queued') && isAlive(row.ownerPid, row.ownerStart);
  }

  private ask(id: number, control: 'cancel' | 'pause'): JobSummary {
    this.jobs.repo.patch(id, { control });
    this.jobs.changed(id, true);
    return this.jobs.summary(id);
  }

  /** A copy stopped by a crash may have left temporary files: a cancelled job leaves none. */
  private async cleanUp(row: JobRow): Promise<void> {
    if (row.kind !== 'copy') return;
    // The dead owner's workers exit within a second of it; their files are removed once they have.
    await waitUntilGone(row.workerPids ? (JSON.parse(row.workerPids) as number[]) : []);
    await this.removeTemps(row);
  }

  private async removeTemps(row: JobRow): Promise<void> {
    const plan = row.kind === 'copy' ? readPlan(row) : undefined;
    if (plan) await removeLeftoverTemps(plan.destination);
  }

  private isQueuedHere(id: number): boolean {
    return this.jobs.isQueued(id);
  }
}
