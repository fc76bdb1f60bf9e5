/**
 * A folder the scan could not list (chmod 000) is listed again by a resumed or retried copy:
 * once its permissions are fixed, Resume (or Retry) copies what it holds, under the job's
 * conflict policy, with totals that grow and progress that never goes back. The scan runs
 * as an unprivileged user (scan-as-user.ts): the tests run as root, who may read anything.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobSummary } from '../../../src/shared/api.js';
import type { JobsOptions } from '../../../src/main/jobs/index.js';
import { differences, snapshot, tempFilesUnder } from '../../fixtures/jobs-tree.js';
import { jobsHarness, waitFor, type JobsHarness } from './jobs-fixture.js';

const scanFixture = fileURLToPath(new URL('./scan-as-user.ts', import.meta.url));
const asNobody = { tasks: { scanTree: { module: scanFixture, name: 'scanTreeAsNobody' } } };

let h: JobsHarness;
const locked: string[] = [];
afterEach(async () => {
  for (const folder of locked.splice(0)) if (existsSync(folder)) chmodSync(folder, 0o755);
  await h.close();
});

function harness(options: Partial<JobsOptions> = {}): JobsHarness {
  h = jobsHarness({ ...asNobody, ...options });
  // mkdtemp makes it 0o700: the unprivileged scan must get in.
  chmodSync(h.root, 0o755);
  return h;
}

function lock(folder: string): void {
  chmodSync(folder, 0);
  locked.push(folder);
}

/** source/ok.txt, source/locked/{a.txt, b.bin, sub/c.txt}; `locked` made unreadable. */
function sourceWithLockedFolder(): { source: string; folder: string } {
  const source = h.folder('source');
  writeFileSync(join(source, 'ok.txt'), 'ok');
  const folder = join(source, 'locked');
  mkdirSync(join(folder, 'sub'), { recursive: true });
  writeFileSync(join(folder, 'a.txt'), 'alpha');
  writeFileSync(join(folder, 'b.bin'), Buffer.alloc(3000, 7));
  writeFileSync(join(folder, 'sub', 'c.txt'), 'charlie');
  lock(folder);
  return { source, folder };
}

/** Counts and bytes of the job's events never go back, across every run of it. */
function expectMonotonic(id: number): void {
  const mine = h.events.filter((event) => event.id === id);
  for (let i = 1; i < mine.length; i++) {
    expect(mine[i]!.bytesDone).toBeGreaterThanOrEqual(mine[i - 1]!.bytesDone);
    expect(mine[i]!.itemsDone).toBeGreaterThanOrEqual(mine[i - 1]!.itemsDone);
    expect(mine[i]!.bytesTotal).toBeGreaterThanOrEqual(mine[i - 1]!.bytesTotal);
    expect(mine[i]!.itemsTotal).toBeGreaterThanOrEqual(mine[i - 1]!.itemsTotal);
  }
}

async function copyToFailed(spec: { source: string; destination: string; onConflict?: 'fail' | 'skip' | 'overwrite' | 'rename' }): Promise<JobSummary> {
  const end = await h.jobs.wait((await h.jobs.submit({ kind: 'copy', ...spec })).id);
  expect(end.status).toBe('failed');
  return end;
}

describe('a folder the scan could not list, listed again by a resume or a retry', () => {
  it('fix the permissions, resume: every file of the folder arrives, and the totals grow to include them', async () => {
    harness();
    const { source, folder } = sourceWithLockedFolder();
    const destination = join(h.root, 'out');
    const failed = await copyToFailed({ source, destination });
    // ok.txt, the folder itself, and the folder as a failed item.
    expect(failed).toMatchObject({ itemsTotal: 3, itemsDone: 2, itemsFailed: 1, bytesTotal: 2 });
    const [failure] = h.jobs.get(failed.id).failures;
    expect(failure).toEqual({ item: 'locked', message: expect.stringContaining(`cannot read the folder ${folder}: permission denied (EACCES)`) as string });
    expect(failure!.message).toContain('Once it can be read, resume the job');
    expect(failure!.message).not.toContain('copy again');
    expect(readdirSync(join(destination, 'locked'))).toEqual([]);
    // The copy of a folder not listed yet keeps a mode its owner can write in.
    expect(statSync(join(destination, 'locked')).mode & 0o700).toBe(0o700);

    chmodSync(folder, 0o755);
    const done = await h.jobs.wait((await h.jobs.resume(failed.id)).id);
    expect(done).toMatchObject({ status: 'done', itemsFailed: 0, itemsTotal: 7, itemsDone: 7, bytesTotal: 2 + 5 + 3000 + 7, bytesDone: 2 + 5 + 3000 + 7 });
    expect(h.jobs.get(done.id).failures).toEqual([]);
    expect(differences(snapshot(source), snapshot(destination))).toEqual([]);
    expect(statSync(join(destination, 'locked')).mode & 0o7777).toBe(0o755);
    expect(tempFilesUnder(destination)).toEqual([]);
    expectMonotonic(done.id);
    await expect(h.jobs.retryFailed(done.id)).rejects.toMatchObject({ message: expect.stringContaining('has no failed items to retry') as string });
  });

  it('Retry (retryFailed) lists it again too, and a folder still unreadable stays failed, saying so, however often it is retried', async () => {
    harness();
    const { source, folder } = sourceWithLockedFolder();
    const destination = join(h.root, 'out');
    const failed = await copyToFailed({ source, destination });
    const message = h.jobs.get(failed.id).failures[0]!.message;
    for (let attempt = 0; attempt < 2; attempt++) {
      const again = await h.jobs.wait((await h.jobs.retryFailed(failed.id)).id);
      expect(again).toMatchObject({ status: 'failed', itemsTotal: 3, itemsDone: 2, itemsFailed: 1, message: '1 of 3 items failed; 1 folder could not be read: resume the job once it can be' });
      expect(h.jobs.get(failed.id).failures).toEqual([{ item: 'locked', message }]);
    }
    chmodSync(folder, 0o755);
    const done = await h.jobs.wait((await h.jobs.retryFailed(failed.id)).id);
    expect(done).toMatchObject({ status: 'done', itemsTotal: 7, itemsDone: 7 });
    expect(differences(snapshot(source), snapshot(destination))).toEqual([]);
    expectMonotonic(done.id);
  });

  it('an unreadable folder found inside the one listed again is a failed item of its own, listed again by the next resume', async () => {
    harness();
    const { source, folder } = sourceWithLockedFolder();
    const inner = join(folder, 'sub');
    chmodSync(folder, 0o755);
    lock(inner);
    lock(folder);
    const destination = join(h.root, 'out');
    const failed = await copyToFailed({ source, destination });
    chmodSync(folder, 0o755);
    const second = await h.jobs.wait((await h.jobs.resume(failed.id)).id);
    // a.txt, b.bin and sub are added; sub is a failed item now, locked is done.
    expect(second).toMatchObject({ status: 'failed', itemsTotal: 7, itemsDone: 6, itemsFailed: 1 });
    expect(h.jobs.get(failed.id).failures).toEqual([
      { item: 'locked/sub', message: expect.stringContaining(`cannot read the folder ${inner}: permission denied`) as string },
    ]);
    expect(readFileSync(join(destination, 'locked', 'a.txt'), 'utf8')).toBe('alpha');
    chmodSync(inner, 0o755);
    const done = await h.jobs.wait((await h.jobs.resume(failed.id)).id);
    expect(done).toMatchObject({ status: 'done', itemsTotal: 8, itemsDone: 8, bytesDone: done.bytesTotal });
    expect(differences(snapshot(source), snapshot(destination))).toEqual([]);
    expectMonotonic(done.id);
  });

  it('of two unreadable folders, the one fixed is copied and the other stays failed, with the job Failed again', async () => {
    harness();
    const { source, folder } = sourceWithLockedFolder();
    const other = join(source, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'z.txt'), 'zulu');
    lock(other);
    const destination = join(h.root, 'out');
    const failed = await copyToFailed({ source, destination });
    expect(failed).toMatchObject({ itemsTotal: 5, itemsFailed: 2, message: '2 of 5 items failed; 2 folders could not be read: resume the job once they can be' });
    chmodSync(folder, 0o755);
    const again = await h.jobs.wait((await h.jobs.resume(failed.id)).id);
    expect(again).toMatchObject({ status: 'failed', itemsTotal: 9, itemsDone: 8, itemsFailed: 1, message: '1 of 9 items failed; 1 folder could not be read: resume the job once it can be' });
    expect(h.jobs.get(failed.id).failures.map((f) => f.item)).toEqual(['other']);
    expect(differences(snapshot(folder), snapshot(join(destination, 'locked')))).toEqual([]);
    chmodSync(other, 0o755);
    const done = await h.jobs.wait((await h.jobs.resume(failed.id)).id);
    expect(done).toMatchObject({ status: 'done', itemsTotal: 10, itemsDone: 10 });
    expect(differences(snapshot(source), snapshot(destination))).toEqual([]);
    expectMonotonic(done.id);
  });

  it('a folder gone since stays a failed item that says it does not exist any more; the rest of the job is unchanged', async () => {
    harness();
    const { source, folder } = sourceWithLockedFolder();
    const destination = join(h.root, 'out');
    const failed = await copyToFailed({ source, destination });
    chmodSync(folder, 0o755);
    rmSync(folder, { recursive: true });
    const again = await h.jobs.wait((await h.jobs.resume(failed.id)).id);
    expect(again).toMatchObject({ status: 'failed', itemsTotal: 3, itemsDone: 2, itemsFailed: 1 });
    expect(h.jobs.get(failed.id).failures).toEqual([
      { item: 'locked', message: expect.stringContaining(`cannot read the folder ${folder}: it does not exist (any more) (ENOENT). Nothing in it was copied.`) as string },
    ]);
    expect(readdirSync(destination).sort()).toEqual(['locked', 'ok.txt']);
  });

  it("under the 'fail' policy, an entry of the folder already at the destination stops that folder before anything of it is written", async () => {
    harness();
    const { source, folder } = sourceWithLockedFolder();
    const destination = h.folder('out');
    mkdirSync(join(destination, 'locked'));
    writeFileSync(join(destination, 'locked', 'a.txt'), 'mine');
    const failed = await copyToFailed({ source, destination });
    chmodSync(folder, 0o755);
    const before = snapshot(join(destination, 'locked'));
    const refused = await h.jobs.wait((await h.jobs.resume(failed.id)).id);
    expect(refused).toMatchObject({ status: 'failed', itemsTotal: 3, itemsFailed: 1 });
    const [failure] = h.jobs.get(failed.id).failures;
    expect(failure).toEqual({ item: 'locked', message: expect.stringContaining('nothing in it was copied: 1 entry of the source already exists at the destination') as string });
    expect(failure!.message).toContain(join(destination, 'locked', 'a.txt'));
    expect(snapshot(join(destination, 'locked'))).toEqual(before);
    // Once what is in the way is moved away, a resume copies the folder.
    rmSync(join(destination, 'locked', 'a.txt'));
    const done = await h.jobs.wait((await h.jobs.resume(failed.id)).id);
    expect(done).toMatchObject({ status: 'done', itemsTotal: 7, itemsDone: 7 });
    expect(readFileSync(join(destination, 'locked', 'a.txt'), 'utf8')).toBe('alpha');
    expectMonotonic(done.id);
  });

  it("under 'skip', what is already in the folder's copy stays; under 'rename', the folder's contents follow it to its new name", async () => {
    harness();
    const { source, folder } = sourceWithLockedFolder();
    const skipInto = h.folder('skip-out');
    mkdirSync(join(skipInto, 'locked'));
    writeFileSync(join(skipInto, 'locked', 'a.txt'), 'mine');
    const renameInto = h.folder('rename-out');
    writeFileSync(join(renameInto, 'locked'), 'a file where the folder goes');
    const skipJob = await copyToFailed({ source, destination: skipInto, onConflict: 'skip' });
    const renameJob = await copyToFailed({ source, destination: renameInto, onConflict: 'rename' });
    chmodSync(folder, 0o755);

    const skipped = await h.jobs.wait((await h.jobs.resume(skipJob.id)).id);
    expect(skipped).toMatchObject({ status: 'done', itemsTotal: 7, itemsSkipped: 1, itemsDone: 6 });
    expect(readFileSync(join(skipInto, 'locked', 'a.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(skipInto, 'locked', 'sub', 'c.txt'), 'utf8')).toBe('charlie');

    const renamed = await h.jobs.wait((await h.jobs.resume(renameJob.id)).id);
    expect(renamed).toMatchObject({ status: 'done', itemsTotal: 7, itemsDone: 7 });
    expect(readFileSync(join(renameInto, 'locked'), 'utf8')).toBe('a file where the folder goes');
    expect(readFileSync(join(renameInto, 'locked (1)', 'sub', 'c.txt'), 'utf8')).toBe('charlie');
    expect(differences(snapshot(folder), snapshot(join(renameInto, 'locked (1)')))).toEqual([]);
  });

  it('a folder skipped with its contents (a file is where it goes) adds them as skipped', async () => {
    harness();
    const { source, folder } = sourceWithLockedFolder();
    const destination = h.folder('out');
    writeFileSync(join(destination, 'locked'), 'a file where the folder goes');
    const failed = await copyToFailed({ source, destination, onConflict: 'skip' });
    expect(failed).toMatchObject({ itemsTotal: 3, itemsSkipped: 1, itemsFailed: 1 });
    chmodSync(folder, 0o755);
    const done = await h.jobs.wait((await h.jobs.resume(failed.id)).id);
    expect(done).toMatchObject({ status: 'done', itemsTotal: 7, itemsDone: 2, itemsSkipped: 5, bytesDone: done.bytesTotal });
    expect(readFileSync(join(destination, 'locked'), 'utf8')).toBe('a file where the folder goes');
  });

  it('stopped while listing the folder again, the ledger is as it was; the next resume lists it and copies it', async () => {
    harness({ tasks: { scanTree: { module: scanFixture, name: 'scanTreeHangingOnRescan' } } });
    const { source, folder } = sourceWithLockedFolder();
    const destination = join(h.root, 'out');
    const failed = await copyToFailed({ source, destination });
    chmodSync(folder, 0o755);
    const items = () => h.store.db.prepare('SELECT seq, state, type, path, error FROM job_items WHERE job_id = ? ORDER BY seq').all(failed.id);
    const ledger = items();
    await h.jobs.resume(failed.id);
    await waitFor(() => (h.jobs.summary(failed.id).status === 'running' && h.pool.workers().some((worker) => worker.tag?.startsWith(`j${failed.id}.x`)) ? true : undefined));
    const paused = await h.jobs.pause(failed.id);
    expect(paused).toMatchObject({ status: 'interrupted', itemsTotal: 3, itemsDone: 2, itemsFailed: 1 });
    expect(items()).toEqual(ledger);
    await h.jobs.close();
    h.reopen(asNobody);
    const done = await h.jobs.wait((await h.jobs.resume(failed.id)).id);
    expect(done).toMatchObject({ status: 'done', itemsTotal: 7, itemsDone: 7 });
    expect(differences(snapshot(source), snapshot(destination))).toEqual([]);
  });

  it('a ledger written before folders were marked for listing again (known by their message) is listed again too', async () => {
    harness();
    const { source, folder } = sourceWithLockedFolder();
    const destination = join(h.root, 'out');
    const failed = await copyToFailed({ source, destination });
    h.store.db.prepare("UPDATE job_items SET action = NULL WHERE job_id = ? AND type = 'problem'").run(failed.id);
    chmodSync(folder, 0o755);
    const done = await h.jobs.wait((await h.jobs.resume(failed.id)).id);
    expect(done).toMatchObject({ status: 'done', itemsTotal: 7, itemsDone: 7 });
    expect(differences(snapshot(source), snapshot(destination))).toEqual([]);
  });
});
