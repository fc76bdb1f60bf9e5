/**
 * A compute job runs its module as it is on disk when the job starts, though the pool's
 * workers live across jobs (issue 18): an edit, a new export and an edited helper module are
 * all seen by the next job, while a job started before the edit keeps the version it began with.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ComputeInputs } from '../../../src/shared/api.js';
import { until } from '../../helpers.js';
import { jobsHarness, type JobsHarness } from './jobs-fixture.js';

let h: JobsHarness;
afterEach(async () => {
  await h.close();
});

const gate = () => join(h.root, 'closed');

/** The task module: `times` multiplies by `factor`, once the file 'closed' is not there (a gate the test opens; a worker at it says so). */
function writeModule(factor: number, extra = ''): void {
  writeFileSync(
    join(h.root, 'task.mjs'),
    [
      "import { existsSync, writeFileSync } from 'node:fs';",
      "import { offset } from './helper.mjs';",
      `export async function times(n) {`,
      `  if (existsSync(${JSON.stringify(gate())})) writeFileSync(${JSON.stringify(h.root)} + '/waiting-' + process.pid, '');`,
      `  while (existsSync(${JSON.stringify(gate())})) await new Promise((resolve) => setTimeout(resolve, 5));`,
      `  return n * ${factor};`,
      `}`,
      `export function shifted(n) { return n + offset; }`,
      extra,
    ].join('\n'),
  );
}

function writeHelper(offset: number): void {
  writeFileSync(join(h.root, 'helper.mjs'), `export const offset = ${offset};\n`);
}

async function run(name: string, inputs: ComputeInputs = { type: 'range', start: 0, end: 4 }): Promise<Array<string | null>> {
  const job = await h.jobs.submit({ kind: 'compute', task: { module: join(h.root, 'task.mjs'), name }, inputs, chunksize: 1 });
  await h.jobs.wait(job.id);
  return [...h.jobs.results(job.id)].map((item) => item.result);
}

describe('a compute job runs its module as it is on disk when the job starts', () => {
  it('an edited module, a new export and an edited helper are seen by the next job on the same workers', async () => {
    h = jobsHarness();
    writeModule(2);
    writeHelper(10);
    expect(await run('times')).toEqual(['0', '2', '4', '6']);
    expect(await run('shifted')).toEqual(['10', '11', '12', '13']);
    const pids = h.pool.workers().map((worker) => worker.pid);

    writeModule(3, 'export function negated(n) { return -n; }');
    writeHelper(100);
    expect(await run('times')).toEqual(['0', '3', '6', '9']);
    expect(await run('negated')).toEqual(['0', '-1', '-2', '-3']);
    expect(await run('shifted')).toEqual(['100', '101', '102', '103']);
    // The same workers: none was restarted to get there.
    expect(h.pool.workers().map((worker) => worker.pid)).toEqual(pids);
  });

  it('a job started before the edit runs the version it started with to its end', async () => {
    h = jobsHarness();
    writeFileSync(gate(), '');
    writeModule(2);
    writeHelper(0);
    const first = await h.jobs.submit({ kind: 'compute', task: { module: join(h.root, 'task.mjs'), name: 'times' }, inputs: { type: 'range', start: 0, end: 8 }, chunksize: 1 });
    // Both workers run one of its inputs (its version loaded), held at the gate.
    await until(() => readdirSync(h.root).filter((name) => name.startsWith('waiting-')).length === 2, 15_000, 'both workers at the gate');
    writeModule(5);
    rmSync(gate());
    const second = await run('times');
    expect(await h.jobs.wait(first.id)).toMatchObject({ status: 'done', itemsDone: 8 });
    expect([...h.jobs.results(first.id)].map((item) => item.result)).toEqual(['0', '2', '4', '6', '8', '10', '12', '14']);
    expect(second).toEqual(['0', '5', '10', '15']);
  });

  it("a worker that starts after the edit refuses the job's tasks rather than run the new text", async () => {
    h = jobsHarness({}, 1);
    writeFileSync(gate(), '');
    writeModule(2);
    writeHelper(0);
    const job = await h.jobs.submit({ kind: 'compute', task: { module: join(h.root, 'task.mjs'), name: 'times' }, inputs: { type: 'range', start: 0, end: 3 }, chunksize: 1 });
    await until(() => readdirSync(h.root).some((name) => name.startsWith('waiting-')), 15_000, 'the worker at the gate');
    writeModule(5);
    rmSync(gate());
    // Its replacement has only the edited text to load.
    await h.pool.killWorker(h.pool.workers()[0]!.pid);
    expect(await h.jobs.wait(job.id)).toMatchObject({ status: 'failed', itemsDone: 0, itemsFailed: 3 });
    for (const failure of h.jobs.get(job.id).failures) {
      expect(failure.message).toContain("the job's version of it is gone: it or a module it imports changed on disk after the job started; run the job again");
    }
    expect(await run('times')).toEqual(['0', '5', '10', '15']);
  });
});
