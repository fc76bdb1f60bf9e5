/**
 * Issue 14, the flaky cancel: a worker that does not stop when its job is cancelled is
 * killed after the pool's grace, and its temporary file stays where it was writing. A job
 * cancelled from another process (`procpool jobs cancel`, which asks through the job's
 * row) ended Cancelled with that file left for good: a cancelled job is never resumed,
 * and a resume was what removed it. The run that stops removes it now, however it is told.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { patterned, tempFilesUnder } from '../../fixtures/jobs-tree.js';
import { jobsHarness, waitFor, type JobsHarness } from './jobs-fixture.js';

const stuckTasks = new URL('../../fixtures/job-run-tasks.ts', import.meta.url).pathname;

let h: JobsHarness;
afterEach(async () => {
  await h.close();
});

describe('a copy cancelled from another process', () => {
  it('whose worker never stops: the worker is killed after the grace, and its temporary file removed by the run', async () => {
    h = jobsHarness({ tasks: { copyFiles: { module: stuckTasks, name: 'copyFilesStuck' } } });
    const source = h.folder('source');
    writeFileSync(join(source, 'stuck.bin'), patterned(100_000));
    const destination = join(h.root, 'out');
    const job = await h.jobs.submit({ kind: 'copy', source, destination });
    await waitFor(() => (existsSync(destination) && tempFilesUnder(destination).length === 1 ? true : undefined));
    // What `procpool jobs cancel ID` in another process does: it asks through the job's row.
    h.store.db.prepare("UPDATE jobs SET control = 'cancel' WHERE id = ?").run(job.id);
    expect(await h.jobs.wait(job.id)).toMatchObject({ status: 'cancelled' });
    expect(tempFilesUnder(destination)).toEqual([]);
  });
});
