/**
 * The app's state in one place: the client, the connection, and the stores the views read.
 * Events are coalesced per animation frame before they reach the stores (frame-coalescer.ts).
 */
import type { Settings, SharedObjectRow } from '../../shared/api.js';
import type { ConnectionState, CoreClient } from '../lib/core-client.js';
import { FrameCoalescer, type FrameBatch } from '../lib/frame-coalescer.js';
import { JobsStore } from './jobs.svelte.js';
import { Notices } from './notices.svelte.js';
import { Router } from './router.svelte.js';
import { WorkersStore } from './workers.svelte.js';

export class AppStore {
  connection = $state<ConnectionState>('connecting');
  settings = $state.raw<Settings | undefined>(undefined);
  sharedState = $state.raw<SharedObjectRow[]>([]);
  /** Now, to the second: uptimes and "ago" labels follow it. */
  now = $state(Date.now());
  readonly jobs = new JobsStore();
  readonly workers = new WorkersStore();
  readonly notices = new Notices();
  readonly router = new Router();
  private coalescer = new FrameCoalescer((batch) => this.applyBatch(batch));

  constructor(readonly client: CoreClient) {
    client.on('jobs', (jobs) => this.coalescer.push('jobs', jobs));
    client.on('jobsDeleted', (ids) => this.coalescer.push('jobsDeleted', ids));
    client.on('workers', (snapshot) => this.coalescer.push('workers', snapshot));
    client.on('settings', (settings) => this.coalescer.push('settings', settings));
    client.on('sharedState', (rows) => this.coalescer.push('sharedState', rows));
    client.onConnection((state) => {
      this.connection = state;
      if (state === 'open') void this.refresh();
    });
    setInterval(() => (this.now = Date.now()), 1000);
  }

  async refresh(): Promise<void> {
    try {
      const [jobs, workers, settings, shared] = await Promise.all([
        this.client.listJobs({ limit: 5000 }),
        this.client.listWorkers(),
        this.client.getSettings(),
        this.client.sharedState(),
      ]);
      this.jobs.replace(jobs);
      this.workers.apply(workers);
      this.settings = settings;
      this.sharedState = shared;
    } catch (error) {
      this.notices.show(`Could not load the app's state: ${(error as Error).message}`, 'error');
    }
  }

  /** Runs an action and reports its failure where people look. */
  async act<T>(what: string, action: () => Promise<T>): Promise<T | undefined> {
    try {
      return await action();
    } catch (error) {
      this.notices.show(`${what} failed: ${(error as Error).message}`, 'error');
      return undefined;
    }
  }

  private applyBatch(batch: FrameBatch): void {
    this.jobs.remove(batch.jobsDeleted);
    this.jobs.apply(batch.jobs);
    if (batch.workers) this.workers.apply(batch.workers);
    if (batch.settings) this.settings = batch.settings;
    if (batch.sharedState) this.sharedState = batch.sharedState;
  }
}
