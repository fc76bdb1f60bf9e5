/**
 * Issue 14: names that are not valid UTF-8 were refused. On Linux a name is any bytes but
 * '/' and NUL; a copy job copies such files and folders under their exact names, through
 * its scan, plan, ledger, copy and resume, and shows them readably ('\xff').
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { jobsHarness, type JobsHarness } from './jobs-fixture.js';

let h: JobsHarness;
afterEach(async () => {
  await h.close();
});

/** A path below `root` whose last parts are raw bytes. */
const at = (root: string, ...parts: Buffer[]): Buffer => Buffer.concat([Buffer.from(root), ...parts.flatMap((part) => [Buffer.from('/'), part])]);
const fileName = Buffer.from([0x66, 0xff, 0x2e, 0x74]); // f\xff.t
const folderName = Buffer.from([0x64, 0xfe]); // d\xfe
const innerName = Buffer.from([0x67, 0xc3, 0x28]); // g\xc3(
const linkName = Buffer.from([0x6c, 0xfc]); // l\xfc

function sourceWithOddNames(): string {
  const source = h.folder('source');
  writeFileSync(at(source, fileName), 'a file whose name is not UTF-8');
  mkdirSync(at(source, folderName));
  writeFileSync(at(source, folderName, innerName), 'inside a folder whose name is not UTF-8');
  symlinkSync(fileName, at(source, linkName));
  writeFileSync(join(source, 'plain.txt'), 'plain');
  return source;
}

/** Every entry under root by its name's bytes (hex): its kind and its bytes or link target (hex). */
function tree(root: Buffer | string, prefix = ''): Record<string, string> {
  const found: Record<string, string> = {};
  const folder = typeof root === 'string' ? Buffer.from(root) : root;
  for (const name of readdirSync(folder, { encoding: 'buffer' })) {
    const path = Buffer.concat([folder, Buffer.from('/'), name]);
    const key = prefix + name.toString('hex');
    const stats = lstatSync(path);
    if (stats.isDirectory()) Object.assign(found, { [key]: 'dir' }, tree(path, `${key}/`));
    else if (stats.isSymbolicLink()) found[key] = `link ${readlinkSync(path, { encoding: 'buffer' }).toString('hex')}`;
    else found[key] = `file ${readFileSync(path).toString('hex')}`;
  }
  return found;
}

describe('names that are not valid UTF-8', () => {
  it('are copied under their exact bytes, files, folders and link targets alike', async () => {
    h = jobsHarness();
    const source = sourceWithOddNames();
    const destination = join(h.root, 'copy');
    const end = await h.jobs.wait((await h.jobs.submit({ kind: 'copy', source, destination })).id);
    expect(end).toMatchObject({ status: 'done', itemsFailed: 0, itemsTotal: 5 });
    expect(tree(destination)).toEqual(tree(source));
    expect(Object.keys(tree(destination))).toContain(`${folderName.toString('hex')}/${innerName.toString('hex')}`);
  });

  it('a job that died midway resumes to the same exact copy, finding what it had copied', async () => {
    h = jobsHarness();
    const source = sourceWithOddNames();
    const destination = join(h.root, 'copy');
    const job = await h.jobs.wait((await h.jobs.submit({ kind: 'copy', source, destination })).id);
    // As if killed before the outcomes reached the ledger, one of its files not yet copied.
    rmSync(at(destination, folderName, innerName));
    const kept = lstatSync(at(destination, fileName)).ino;
    h.store.db.prepare('DELETE FROM job_done_ranges WHERE job_id = ?').run(job.id);
    h.store.db.prepare('UPDATE job_items SET state = 0 WHERE job_id = ? AND state = 1').run(job.id);
    h.store.db
      .prepare("UPDATE jobs SET status = 'running', owner_pid = 999999999, owner_start = '1', finished_at = NULL, items_done = 0, bytes_done = 0 WHERE id = ?")
      .run(job.id);
    const jobs = h.reopen();
    await jobs.resume(job.id);
    expect(await jobs.wait(job.id)).toMatchObject({ status: 'done', itemsDone: 5, itemsFailed: 0 });
    // The same entries, no temporary file beside them.
    expect(tree(destination)).toEqual(tree(source));
    // Found finished on disk, not copied again.
    expect(lstatSync(at(destination, fileName)).ino).toBe(kept);
  });

  it('show readably where a person reads them: a failed item and its message', async () => {
    h = jobsHarness();
    const source = h.folder('source');
    // Made by a shell: the arguments of a process are strings, and would lose the byte.
    execFileSync('sh', ['-c', 'mkfifo "$(printf "p\\377")"'], { cwd: source });
    const end = await h.jobs.wait((await h.jobs.submit({ kind: 'copy', source, destination: join(h.root, 'copy') })).id);
    expect(end.status).toBe('failed');
    expect(h.jobs.get(end.id).failures).toEqual([{ item: 'p\\xff', message: expect.stringContaining(`${source}/p\\xff is a named pipe`) as string }]);
  });
});
