/**
 * Issue 14: a file changed while a copy job copied it ended Done, exit 0, with other bytes
 * than the source's. A file that keeps changing (a log being written) is a failed item
 * saying so, its temporary file removed; the rest of the job is copied.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { patterned, tempFilesUnder } from '../../fixtures/jobs-tree.js';
import { jobsHarness, type JobsHarness } from './jobs-fixture.js';

const faultTasks = fileURLToPath(new URL('./copy-fault-tasks.ts', import.meta.url));

let h: JobsHarness;
afterEach(async () => {
  await h.close();
});

describe('a source file that changes while a copy job copies it', () => {
  it('is a failed item saying it changed, never Done with other bytes; nothing of it is left at the destination', async () => {
    h = jobsHarness({ tasks: { copyFiles: { module: faultTasks, name: 'copyFilesGrowing' } } });
    const source = h.folder('source');
    writeFileSync(join(source, 'growing-app.log'), patterned(3 * 1024 * 1024));
    writeFileSync(join(source, 'calm.txt'), 'calm');
    const destination = join(h.root, 'out');
    const end = await h.jobs.wait((await h.jobs.submit({ kind: 'copy', source, destination })).id);
    expect(end).toMatchObject({ status: 'failed', itemsDone: 1, itemsFailed: 1, message: '1 of 2 items failed' });
    expect(h.jobs.get(end.id).failures).toEqual([
      { item: 'growing-app.log', message: expect.stringMatching(/growing-app\.log: it changed while it was copied \(size 3,1[\d,]+ → 3,1[\d,]+ bytes\), so the copy was not kept/) as string },
    ]);
    expect(existsSync(join(destination, 'growing-app.log'))).toBe(false);
    expect(readFileSync(join(destination, 'calm.txt'), 'utf8')).toBe('calm');
    expect(tempFilesUnder(destination)).toEqual([]);
  });
});
