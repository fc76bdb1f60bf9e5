/**
 * Issue 14: a copy job keeps hard links as `cp -a` does: two names of one file in the
 * source are two names of one file in the destination, and a job stopped between copying a
 * file and linking its other names resumes to the same result, nothing copied twice.
 */
import { linkSync, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { differences, snapshot, tempFilesUnder } from '../../fixtures/jobs-tree.js';
import { jobsHarness, type JobsHarness } from './jobs-fixture.js';

let h: JobsHarness;
afterEach(async () => {
  await h.close();
});

/** A source with one file under three names in two folders, and files of one name. */
function sourceWithLinks(): string {
  const source = h.folder('source');
  mkdirSync(join(source, 'photos', 'best'), { recursive: true });
  writeFileSync(join(source, 'photos', 'IMG_1.jpg'), 'the picture');
  linkSync(join(source, 'photos', 'IMG_1.jpg'), join(source, 'photos', 'IMG_1 copy.jpg'));
  linkSync(join(source, 'photos', 'IMG_1.jpg'), join(source, 'photos', 'best', 'cover.jpg'));
  for (let i = 0; i < 20; i++) writeFileSync(join(source, 'photos', `other-${i}.jpg`), `picture ${i}`);
  return source;
}

/** The file's names, the one the scan finds first (the one copied) first: ' ' sorts before '.'. */
const linked = ['photos/IMG_1 copy.jpg', 'photos/IMG_1.jpg', 'photos/best/cover.jpg'];
const inodes = (root: string): number[] => linked.map((name) => lstatSync(join(root, name)).ino);

describe('hard links in a copy job', () => {
  it('copies one file with three names as one file with three names; its bytes once', async () => {
    h = jobsHarness({ copyBatchFiles: 1 });
    const source = sourceWithLinks();
    const destination = join(h.root, 'copy');
    const end = await h.jobs.wait((await h.jobs.submit({ kind: 'copy', source, destination })).id);
    expect(end).toMatchObject({ status: 'done', itemsFailed: 0 });
    expect(new Set(inodes(destination)).size).toBe(1);
    expect(lstatSync(join(destination, linked[0]!)).nlink).toBe(3);
    for (const name of linked) expect(readFileSync(join(destination, name), 'utf8')).toBe('the picture');
    expect(differences(snapshot(source), snapshot(destination))).toEqual([]);
    // Its bytes are counted (and copied) once.
    expect(end.bytesTotal).toBe('the picture'.length + Array.from({ length: 20 }, (_, i) => `picture ${i}`.length).reduce((a, b) => a + b, 0));
  });

  it('a job that died after copying the file and before linking its other names resumes with the links alone', async () => {
    h = jobsHarness();
    const source = sourceWithLinks();
    const destination = join(h.root, 'copy');
    const job = await h.jobs.wait((await h.jobs.submit({ kind: 'copy', source, destination })).id);
    // As if its process was killed right after the file's copy was renamed into place: the
    // other names not made, and no outcome of that batch in the ledger.
    for (const name of linked.slice(1)) rmSync(join(destination, name));
    const copied = lstatSync(join(destination, linked[0]!)).ino;
    h.store.db.prepare('DELETE FROM job_done_ranges WHERE job_id = ?').run(job.id);
    h.store.db.prepare('UPDATE job_items SET state = 0 WHERE job_id = ? AND state = 1').run(job.id);
    h.store.db
      .prepare("UPDATE jobs SET status = 'running', owner_pid = 999999999, owner_start = '1', finished_at = NULL, items_done = 0, bytes_done = 0 WHERE id = ?")
      .run(job.id);
    // The ledger knows the other names as links to the file's copy.
    const links = h.store.db.prepare("SELECT path, link FROM job_items WHERE job_id = ? AND action = 'hardlink' ORDER BY seq").all(job.id);
    expect(links).toEqual(linked.slice(1).map(() => ({ path: expect.any(String) as string, link: join(destination, linked[0]!) })));
    const jobs = h.reopen();
    expect(jobs.summary(job.id).status).toBe('interrupted');
    await jobs.resume(job.id);
    expect(await jobs.wait(job.id)).toMatchObject({ status: 'done', itemsDone: job.itemsTotal, itemsFailed: 0 });
    expect(inodes(destination)).toEqual([copied, copied, copied]);
    expect(differences(snapshot(source), snapshot(destination))).toEqual([]);
    expect(tempFilesUnder(destination)).toEqual([]);
  });

  it('a resumed job copies again a linked file changed meanwhile, and links its other names to the new copy', async () => {
    h = jobsHarness();
    const source = sourceWithLinks();
    const destination = join(h.root, 'copy');
    const job = await h.jobs.wait((await h.jobs.submit({ kind: 'copy', source, destination })).id);
    writeFileSync(join(source, 'photos', 'best', 'cover.jpg'), 'edited through another of its names');
    h.store.db.prepare("UPDATE jobs SET status = 'interrupted', finished_at = NULL WHERE id = ?").run(job.id);
    await h.jobs.resume(job.id);
    expect(await h.jobs.wait(job.id)).toMatchObject({ status: 'done', itemsFailed: 0 });
    expect(new Set(inodes(destination)).size).toBe(1);
    for (const name of linked) expect(readFileSync(join(destination, name), 'utf8')).toBe('edited through another of its names');
  });
});
