import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSampleTree, differences, patterned, snapshot, tempFilesUnder } from '../../fixtures/jobs-tree.js';
import { manyFiles } from '../../fixtures/many-files.js';
import { jobsHarness, waitFor, type JobsHarness } from './jobs-fixture.js';

let h: JobsHarness;
afterEach(async () => {
  await h.close();
});

describe('a copy job (the seed folder copier, done right)', () => {
  it('copies a folder of many files: progress rises to 100% and never goes back; the copy is identical', async () => {
    h = jobsHarness();
    const source = h.folder('source');
    buildSampleTree(source);
    manyFiles(source, 600);
    const destination = join(h.root, 'copy');
    const submitted = await h.jobs.submit({ kind: 'copy', source, destination });
    expect(submitted).toMatchObject({ kind: 'copy', spec: { source, destination, onConflict: 'fail', verify: false } });
    expect(['queued', 'running']).toContain(submitted.status);
    const done = await h.jobs.wait(submitted.id);
    expect(done).toMatchObject({ status: 'done', itemsFailed: 0, itemsSkipped: 0 });
    expect(done.itemsDone).toBe(done.itemsTotal);
    expect(done.bytesDone).toBe(done.bytesTotal);
    expect(done.itemsTotal).toBe(Object.keys(snapshot(source)).length);
    expect(differences(snapshot(source), snapshot(destination))).toEqual([]);
    expect(tempFilesUnder(destination)).toEqual([]);
    const mine = h.events.filter((event) => event.id === submitted.id);
    expect(mine.map((event) => event.status)).toContain('running');
    expect(mine.at(-1)).toMatchObject({ status: 'done', bytesDone: done.bytesTotal });
    for (let i = 1; i < mine.length; i++) {
      expect(mine[i]!.bytesDone).toBeGreaterThanOrEqual(mine[i - 1]!.bytesDone);
      expect(mine[i]!.itemsDone).toBeGreaterThanOrEqual(mine[i - 1]!.itemsDone);
    }
  });

  it('keeps its history across a restart, with its counters and spec', async () => {
    h = jobsHarness();
    const source = h.folder('source');
    manyFiles(source, 20);
    const job = await h.jobs.submit({ kind: 'copy', source, destination: join(h.root, 'copy'), name: 'nightly backup' });
    await h.jobs.wait(job.id);
    await h.jobs.close();
    const reopened = h.reopen();
    expect(reopened.list()).toEqual([expect.objectContaining({ id: job.id, name: 'nightly backup', status: 'done', itemsDone: 30 })]);
  });

  it('copies a single file into the destination folder', async () => {
    h = jobsHarness();
    writeFileSync(join(h.root, 'one.txt'), 'just me');
    const job = await h.jobs.submit({ kind: 'copy', source: join(h.root, 'one.txt'), destination: join(h.root, 'out') });
    expect(await h.jobs.wait(job.id)).toMatchObject({ status: 'done', itemsTotal: 1 });
    expect(readFileSync(join(h.root, 'out', 'one.txt'), 'utf8')).toBe('just me');
  });

  it('runs several queued jobs on the one pool, each to the end', async () => {
    h = jobsHarness({ maxRunning: 1 });
    const source = h.folder('source');
    manyFiles(source, 50);
    const jobs = await Promise.all([1, 2, 3].map((n) => h.jobs.submit({ kind: 'copy', source, destination: join(h.root, `copy-${n}`) })));
    expect(h.jobs.list().filter((job) => job.status === 'queued').length).toBeGreaterThanOrEqual(2);
    const ends = await Promise.all(jobs.map((job) => h.jobs.wait(job.id)));
    expect(ends.map((job) => job.status)).toEqual(['done', 'done', 'done']);
    for (const n of [1, 2, 3]) expect(differences(snapshot(source), snapshot(join(h.root, `copy-${n}`)))).toEqual([]);
  });
});

describe('bad input: a clear JobInputError naming the field, and nothing created', () => {
  it.each([
    ['a missing source', (root: string) => ({ source: join(root, 'missing'), destination: join(root, 'out') }), 'source', /does not exist/],
    ['a destination inside the source', (root: string) => ({ source: join(root, 'src'), destination: join(root, 'src', 'inside') }), 'destination', /inside the source/],
    ['a destination that is a file', (root: string) => ({ source: join(root, 'src'), destination: join(root, 'file.txt') }), 'destination', /is a file/],
    ['the source as its own destination', (root: string) => ({ source: join(root, 'src'), destination: join(root, 'src') }), 'destination', /same folder/],
  ])('%s', async (_what, paths, field, message) => {
    h = jobsHarness();
    mkdirSync(join(h.root, 'src'));
    writeFileSync(join(h.root, 'src', 'a'), 'a');
    writeFileSync(join(h.root, 'file.txt'), 'f');
    const before = snapshot(h.root);
    const error = await h.jobs.submit({ kind: 'copy', ...paths(h.root) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'JobInputError', field, message: expect.stringMatching(message) as string });
    expect((error as Error).message).toContain('Nothing was created or changed');
    expect(h.jobs.list()).toEqual([]);
    expect(Object.keys(snapshot(h.root)).filter((p) => !p.startsWith('state.db'))).toEqual(Object.keys(before).filter((p) => !p.startsWith('state.db')));
    expect(await h.jobs.validate({ kind: 'copy', ...paths(h.root) })).toEqual({ ok: false, errors: [{ field, message: expect.stringMatching(message) as string }] });
  });

  it('an entry the scan will not copy (a named pipe) is a failed item with its message; the rest is copied; a retry says it cannot help', async () => {
    h = jobsHarness();
    const source = h.folder('source');
    writeFileSync(join(source, 'ok.txt'), 'ok');
    execFileSync('mkfifo', [join(source, 'pipe')]);
    const end = await h.jobs.wait((await h.jobs.submit({ kind: 'copy', source, destination: join(h.root, 'out') })).id);
    expect(end).toMatchObject({ status: 'failed', itemsFailed: 1, itemsDone: 1 });
    expect(h.jobs.get(end.id).failures).toEqual([{ item: 'pipe', message: expect.stringContaining('is a named pipe, not a file, folder or link') as string }]);
    expect(readdirSync(join(h.root, 'out'))).toEqual(['ok.txt']);
    for (const retry of [() => h.jobs.retryFailed(end.id), () => h.jobs.resume(end.id)]) {
      await expect(retry()).rejects.toMatchObject({ name: 'JobInputError', message: expect.stringContaining('has nothing a retry can change: its 1 failed item is what cannot be copied') as string });
    }
    expect(h.jobs.summary(end.id).status).toBe('failed');
  });

  it('a file that vanishes after the scan fails with a clear message and leaves nothing behind; the rest is copied', async () => {
    h = jobsHarness({ dispatchDelayMs: 20, copyBatchFiles: 1 });
    const source = h.folder('source');
    manyFiles(source, 40);
    const job = await h.jobs.submit({ kind: 'copy', source, destination: join(h.root, 'out') });
    await waitFor(() => (h.jobs.summary(job.id).itemsTotal > 0 ? true : undefined));
    rmSync(join(source, 'folder-9', 'file-39.txt'));
    const end = await h.jobs.wait(job.id);
    expect(end).toMatchObject({ status: 'failed', itemsFailed: 1, itemsDone: end.itemsTotal - 1 });
    expect(h.jobs.get(job.id).failures).toEqual([
      { item: 'folder-9/file-39.txt', message: expect.stringMatching(/file-39\.txt: it does not exist \(any more\) \(ENOENT\)\. It was there when the folder was scanned/) as string },
    ]);
    expect(existsSync(join(h.root, 'out', 'folder-9', 'file-39.txt'))).toBe(false);
    expect(tempFilesUnder(join(h.root, 'out'))).toEqual([]);
    // The rest is identical; folder-9's time is the one it had when scanned (the deletion changed the source's).
    expect(differences(snapshot(source), snapshot(join(h.root, 'out')))).toEqual([expect.stringMatching(/^"folder-9": mtimeMs /)]);
  });

  it('an unreadable entry is a failed item with its message; the rest is copied', async () => {
    if (process.getuid?.() === 0) return; // root reads everything: covered by the scan's own tests (as another user)
    h = jobsHarness();
    const source = h.folder('source');
    writeFileSync(join(source, 'ok.txt'), 'ok');
    mkdirSync(join(source, 'locked'));
    writeFileSync(join(source, 'locked', 'secret'), 's');
    chmodSync(join(source, 'locked'), 0);
    const job = await h.jobs.submit({ kind: 'copy', source, destination: join(h.root, 'out') });
    const end = await h.jobs.wait(job.id);
    chmodSync(join(source, 'locked'), 0o755);
    expect(end.status).toBe('failed');
    expect(h.jobs.get(job.id).failures).toEqual([expect.objectContaining({ item: 'locked', message: expect.stringContaining('permission denied') as string })]);
    expect(readFileSync(join(h.root, 'out', 'ok.txt'), 'utf8')).toBe('ok');
  });
});

describe('conflicts', () => {
  function seeded(h: JobsHarness): { source: string; destination: string } {
    const source = h.folder('source');
    mkdirSync(join(source, 'sub'));
    writeFileSync(join(source, 'same.txt'), 'new');
    writeFileSync(join(source, 'sub', 'also.txt'), 'new');
    writeFileSync(join(source, 'fresh.txt'), 'fresh');
    const destination = h.folder('destination');
    mkdirSync(join(destination, 'sub'));
    writeFileSync(join(destination, 'same.txt'), 'old');
    writeFileSync(join(destination, 'sub', 'also.txt'), 'old');
    return { source, destination };
  }

  it('fail (the default): stops before changing anything and lists the conflicts', async () => {
    h = jobsHarness();
    const { source, destination } = seeded(h);
    const before = snapshot(destination);
    const job = await h.jobs.submit({ kind: 'copy', source, destination });
    const end = await h.jobs.wait(job.id);
    expect(end).toMatchObject({ status: 'failed', itemsFailed: 2, message: expect.stringContaining('stopped before changing anything') as string });
    // The whole copy's totals, none of it done: '0 / 4 items, 2 failed' at 0%, not '2 / 2' at 100%.
    expect(end).toMatchObject({ itemsTotal: 4, itemsDone: 0, itemsSkipped: 0, bytesTotal: 11, bytesDone: 0 });
    expect(h.store.db.prepare('SELECT error_name FROM jobs WHERE id = ?').pluck().get(job.id)).toBe('JobInputError');
    expect(h.jobs.get(job.id).failures.map((f) => f.item).sort()).toEqual(['same.txt', 'sub/also.txt']);
    expect(snapshot(destination)).toEqual(before);
  });

  it('skip keeps what is there, overwrite replaces it, rename keeps both', async () => {
    h = jobsHarness();
    const { source, destination } = seeded(h);
    const skip = await h.jobs.wait((await h.jobs.submit({ kind: 'copy', source, destination, onConflict: 'skip' })).id);
    expect(skip).toMatchObject({ status: 'done', itemsSkipped: 2 });
    expect(readFileSync(join(destination, 'same.txt'), 'utf8')).toBe('old');
    expect(readFileSync(join(destination, 'fresh.txt'), 'utf8')).toBe('fresh');
    const renamed = await h.jobs.wait((await h.jobs.submit({ kind: 'copy', source, destination, onConflict: 'rename' })).id);
    expect(renamed.status).toBe('done');
    expect(readdirSync(join(destination, 'sub')).sort()).toEqual(['also (1).txt', 'also.txt']);
    expect(readFileSync(join(destination, 'same (1).txt'), 'utf8')).toBe('new');
    const overwrite = await h.jobs.wait((await h.jobs.submit({ kind: 'copy', source, destination, onConflict: 'overwrite' })).id);
    expect(overwrite.status).toBe('done');
    expect(readFileSync(join(destination, 'same.txt'), 'utf8')).toBe('new');
    expect(readFileSync(join(destination, 'sub', 'also.txt'), 'utf8')).toBe('new');
    expect(tempFilesUnder(destination)).toEqual([]);
  });
});

describe('failures and retries', () => {
  it('--verify catches a copy corrupted after it was written: a failed item, nothing kept under its name', async () => {
    h = jobsHarness({ tasks: { copyFiles: { module: fixture, name: 'copyFilesCorrupting' } } });
    const source = h.folder('source');
    writeFileSync(join(source, 'corrupt-me.bin'), patterned(5000));
    writeFileSync(join(source, 'fine.bin'), patterned(3000));
    const job = await h.jobs.submit({ kind: 'copy', source, destination: join(h.root, 'out'), verify: true });
    const end = await h.jobs.wait(job.id);
    expect(end).toMatchObject({ status: 'failed', itemsFailed: 1, itemsDone: 1 });
    expect(h.jobs.get(job.id).failures).toEqual([{ item: 'corrupt-me.bin', message: expect.stringContaining('verification failed') as string }]);
    expect(readdirSync(join(h.root, 'out'))).toEqual(['fine.bin']);
  });

  it('a transient error (EBUSY) is tried again later, and the job succeeds', async () => {
    h = jobsHarness({ tasks: { copyFiles: { module: fixture, name: 'copyFilesBusyOnce' } } });
    const source = h.folder('source');
    writeFileSync(join(source, `busy-${process.pid}-${Date.now()}.bin`), 'busy');
    writeFileSync(join(source, 'calm.bin'), 'calm');
    const end = await h.jobs.wait((await h.jobs.submit({ kind: 'copy', source, destination: join(h.root, 'out') })).id);
    expect(end).toMatchObject({ status: 'done', itemsDone: 2, itemsFailed: 0 });
    expect(differences(snapshot(source), snapshot(join(h.root, 'out')))).toEqual([]);
  });

  it('a full disk stops the job with a clear message, resumable once space is free', async () => {
    h = jobsHarness({ tasks: { copyFiles: { module: fixture, name: 'copyFilesDiskFull' } }, copyBatchFiles: 1 });
    const source = h.folder('source');
    manyFiles(source, 30);
    const job = await h.jobs.submit({ kind: 'copy', source, destination: join(h.root, 'out') });
    const end = await h.jobs.wait(job.id);
    expect(end).toMatchObject({ status: 'failed', message: expect.stringMatching(/no space left.*resume it once that is fixed/s) as string });
    expect(end.itemsDone + end.itemsFailed).toBeLessThan(end.itemsTotal);
    // Space is free again: the real copy task resumes the job to the end.
    const again = h.reopen({ tasks: {}, copyBatchFiles: undefined });
    await again.resume(job.id);
    expect(await again.wait(job.id)).toMatchObject({ status: 'done', itemsFailed: 0 });
    expect(differences(snapshot(source), snapshot(join(h.root, 'out')))).toEqual([]);
  });

  it('a worker killed in the middle of a file: the file is redone on another worker, the job finishes and its half-written file is removed', async () => {
    h = jobsHarness({ tasks: { copyFiles: { module: fixture, name: 'copyFilesHangingOnce' } } });
    const source = h.folder(`source-${process.pid}-${Date.now()}`);
    writeFileSync(join(source, 'hang.bin'), patterned(2_000_000));
    manyFiles(source, 40);
    const job = await h.jobs.submit({ kind: 'copy', source, destination: join(h.root, 'out') });
    // The Workers view's data: which worker holds hang.bin.
    const holder = await waitFor(() => h.pool.workers().find((worker) => h.jobs.activity.of(worker)?.item === 'hang.bin'));
    expect(h.jobs.activity.of(holder)).toMatchObject({ jobId: job.id, itemDone: 1, itemTotal: 2_000_000 });
    await h.pool.killWorker(holder.pid);
    const end = await h.jobs.wait(job.id);
    expect(end).toMatchObject({ status: 'done', itemsFailed: 0 });
    expect(differences(snapshot(source), snapshot(join(h.root, 'out')))).toEqual([]);
    expect(tempFilesUnder(join(h.root, 'out'))).toEqual([]);
  });
});

describe('pause, resume, cancel', () => {
  /** A copy of 70 files, slowed down, paused once 15 are done. */
  async function pausedCopy() {
    h = jobsHarness({ dispatchDelayMs: 15, copyBatchFiles: 1 });
    const source = h.folder('source');
    manyFiles(source, 70);
    const destination = join(h.root, 'out');
    const job = await h.jobs.submit({ kind: 'copy', source, destination });
    await waitFor(() => (h.jobs.summary(job.id).itemsDone >= 15 ? true : undefined));
    return { source, destination, job, paused: await h.jobs.pause(job.id) };
  }

  it('pause leaves the job Interrupted ("paused"); resume finishes it without redoing finished items', async () => {
    const { source, destination, job, paused } = await pausedCopy();
    expect(paused).toMatchObject({ status: 'interrupted', message: 'paused' });
    expect(paused.itemsDone).toBeLessThan(paused.itemsTotal);
    const copied = readdirSync(join(destination, 'folder-0')).map((name) => [name, lstatSync(join(destination, 'folder-0', name)).ino] as const);
    const shownBefore = paused.bytesDone;
    const resumed = await h.jobs.resume(job.id);
    expect(['queued', 'running']).toContain(resumed.status);
    expect(resumed.bytesDone).toBeGreaterThanOrEqual(shownBefore);
    const end = await h.jobs.wait(job.id);
    expect(end).toMatchObject({ status: 'done', itemsDone: end.itemsTotal });
    expect(differences(snapshot(source), snapshot(destination))).toEqual([]);
    for (const [name, inode] of copied) expect(lstatSync(join(destination, 'folder-0', name)).ino).toBe(inode);
    const mine = h.events.filter((event) => event.id === job.id);
    for (let i = 1; i < mine.length; i++) expect(mine[i]!.bytesDone).toBeGreaterThanOrEqual(mine[i - 1]!.bytesDone);
  });

  it('resume copies again a finished file whose source changed meanwhile, or whose copy was removed; the others stay as they are', async () => {
    const { source, destination, job, paused } = await pausedCopy();
    const finished = readdirSync(join(destination, 'folder-0')).filter((name) => !name.includes('.procpool-tmp-'));
    expect(finished.length).toBeGreaterThanOrEqual(3);
    const [edited, removed, ...untouched] = finished as [string, string, ...string[]];
    writeFileSync(join(source, 'folder-0', edited), 'edited while the job was paused, and longer than before');
    rmSync(join(destination, 'folder-0', removed));
    const inodes = untouched.map((name) => lstatSync(join(destination, 'folder-0', name)).ino);
    await h.jobs.resume(job.id);
    const end = await h.jobs.wait(job.id);
    expect(end).toMatchObject({ status: 'done', itemsDone: end.itemsTotal, itemsFailed: 0 });
    expect(end.itemsTotal).toBe(paused.itemsTotal);
    expect(differences(snapshot(source), snapshot(destination))).toEqual([]);
    expect(untouched.map((name) => lstatSync(join(destination, 'folder-0', name)).ino)).toEqual(inodes);
  });

  it('cancel stops it for good: Cancelled, no temporary files, and it cannot be resumed', async () => {
    h = jobsHarness({ dispatchDelayMs: 15, copyBatchFiles: 1 });
    const source = h.folder('source');
    manyFiles(source, 100);
    const job = await h.jobs.submit({ kind: 'copy', source, destination: join(h.root, 'out') });
    await waitFor(() => (h.jobs.summary(job.id).itemsDone >= 5 ? true : undefined));
    expect(await h.jobs.cancel(job.id)).toMatchObject({ status: 'cancelled' });
    expect(tempFilesUnder(join(h.root, 'out'))).toEqual([]);
    await expect(h.jobs.resume(job.id)).rejects.toMatchObject({ name: 'JobInputError', message: expect.stringContaining('Cancelled') as string });
  });

  it('a file a worker finishes after the pause is counted: the counts say what is on disk', async () => {
    h = jobsHarness({ tasks: { copyFiles: { module: fixture, name: 'copyFilesLate' } }, copyBatchFiles: 1 });
    const source = h.folder('source');
    writeFileSync(join(source, 'late.bin'), patterned(10_000));
    for (let i = 0; i < 20; i++) writeFileSync(join(source, `file-${i}.txt`), patterned(1000 + i));
    const destination = join(h.root, 'out');
    const job = await h.jobs.submit({ kind: 'copy', source, destination });
    await waitFor(() => h.pool.workers().find((worker) => h.jobs.activity.of(worker)?.item === 'late.bin'));
    const paused = await h.jobs.pause(job.id);
    expect(paused.status).toBe('interrupted');
    expect(existsSync(join(destination, 'late.bin'))).toBe(true);
    const copied = readdirSync(destination).filter((name) => !name.includes('.procpool-tmp-'));
    expect(paused.itemsDone).toBe(copied.length);
    expect(paused.bytesDone).toBe(copied.reduce((sum, name) => sum + lstatSync(join(destination, name)).size, 0));
  });

  it('cancel of a job whose worker never stops: the worker is killed after the grace, and its temporary file removed', async () => {
    h = jobsHarness({ tasks: { copyFiles: { module: fixture, name: 'copyFilesStuck' } } });
    const source = h.folder('source');
    writeFileSync(join(source, 'stuck.bin'), patterned(100_000));
    const destination = join(h.root, 'out');
    const job = await h.jobs.submit({ kind: 'copy', source, destination });
    await waitFor(() => (existsSync(destination) && tempFilesUnder(destination).length === 1 ? true : undefined));
    const holder = h.pool.workers().find((worker) => h.jobs.activity.of(worker)?.item === 'stuck.bin')!;
    expect(await h.jobs.cancel(job.id)).toMatchObject({ status: 'cancelled' });
    expect(h.pool.workers().map((worker) => worker.pid)).not.toContain(holder.pid);
    expect(tempFilesUnder(destination)).toEqual([]);
  });

  it('a job whose process died is found Interrupted at the next start; resume removes leftover temporary files', async () => {
    h = jobsHarness();
    const source = h.folder('source');
    manyFiles(source, 30);
    const destination = join(h.root, 'out');
    const job = await h.jobs.wait((await h.jobs.submit({ kind: 'copy', source, destination })).id);
    // As if another process ran it and was killed with half the items open and a temp file left.
    // Its last tasks' outcomes never reached the ledger: their items are open again.
    h.store.db.prepare('DELETE FROM job_done_ranges WHERE job_id = ?').run(job.id);
    const { reopened, bytes } = h.store.db
      .prepare('SELECT count(*) AS reopened, sum(size) AS bytes FROM job_items WHERE job_id = ? AND state = 0')
      .get(job.id) as { reopened: number; bytes: number };
    h.store.db
      .prepare("UPDATE jobs SET status = 'running', owner_pid = 999999999, owner_start = '1', finished_at = NULL, items_done = items_done - ?, bytes_done = bytes_done - ? WHERE id = ?")
      .run(reopened, bytes, job.id);
    writeFileSync(join(destination, 'folder-1', '.file-1.txt.procpool-tmp-999999999-0badf00d'), 'half');
    const jobs = h.reopen();
    expect(jobs.summary(job.id)).toMatchObject({ status: 'interrupted', message: expect.stringContaining('pid 999999999') as string });
    const inodes = Object.keys(snapshot(source)).map((path) => lstatSync(join(destination, path)).ino);
    await jobs.resume(job.id);
    expect(await jobs.wait(job.id)).toMatchObject({ status: 'done', itemsDone: job.itemsTotal });
    // The open files were all finished on disk (sent before the "crash"): found there, none copied again.
    expect(reopened).toBeGreaterThan(30);
    expect(Object.keys(snapshot(source)).map((path) => lstatSync(join(destination, path)).ino)).toEqual(inodes);
    expect(tempFilesUnder(destination)).toEqual([]);
    expect(existsSync(join(destination, 'folder-1', 'file-1.txt'))).toBe(true);
  });

  it('copies links as links, never following them', async () => {
    h = jobsHarness();
    const source = h.folder('source');
    writeFileSync(join(source, 'target.txt'), 't');
    symlinkSync('target.txt', join(source, 'link'));
    symlinkSync('/nowhere/at/all', join(source, 'dangling'));
    await h.jobs.wait((await h.jobs.submit({ kind: 'copy', source, destination: join(h.root, 'out') })).id);
    expect(lstatSync(join(h.root, 'out', 'link')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(h.root, 'out', 'dangling')).isSymbolicLink()).toBe(true);
  });
});

const fixture = new URL('../../fixtures/job-run-tasks.ts', import.meta.url).pathname;
