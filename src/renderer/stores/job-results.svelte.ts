/**
 * The Results table of one compute job: the rows read so far, a page at a time ("Show more
 * results"), and a refresh that re-reads them (a running job's results arrive as it goes).
 * An answer that comes back after a newer request started is dropped, so rows never go back.
 */
import type { CoreApi, JobResultItem, JobResultsPage } from '../../shared/api.js';
import { readResults } from '../lib/results-reader.js';

export const resultsPageSize = 100;

export class JobResultsState {
  items = $state.raw<JobResultItem[]>([]);
  nextSeq = $state<number | null>(null);
  total = $state(0);
  loaded = $state(false);
  loading = $state(false);
  error = $state<string | undefined>(undefined);
  private generation = 0;

  constructor(
    private readonly client: Pick<CoreApi, 'jobResults'>,
    readonly jobId: number,
    readonly pageSize = resultsPageSize,
  ) {}

  /** The next page after the rows shown. */
  async more(): Promise<void> {
    if (this.loading || this.nextSeq === null) return;
    const shown = this.items;
    await this.load(async () => {
      const page = await readResults(this.client, this.jobId, this.nextSeq!, this.pageSize);
      return { ...page, items: [...shown, ...page.items] };
    });
  }

  /** Reads again as many rows as are shown (a page at least), from the first. */
  refresh(): Promise<void> {
    const count = Math.max(this.items.length, this.pageSize);
    return this.load(() => readResults(this.client, this.jobId, 0, count));
  }

  private async load(read: () => Promise<JobResultsPage>): Promise<void> {
    const generation = ++this.generation;
    this.loading = true;
    try {
      const page = await read();
      if (generation !== this.generation) return;
      this.items = page.items;
      this.nextSeq = page.nextSeq;
      this.total = page.total;
      this.error = undefined;
      this.loaded = true;
    } catch (error) {
      if (generation === this.generation) this.error = (error as Error).message;
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }
}
