import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeTree, scratch } from '../../fixtures/jobs-tree.js';
import { cli, outputUntil, startCli } from './cli-runner.js';

const module = fileURLToPath(new URL('../../fixtures/compute-module.mjs', import.meta.url));

let root: string;
let db: string;
beforeEach(() => {
  root = scratch('procpool-map-');
  db = join(root, 'state.db');
});
afterEach(() => removeTree(root));

describe('procpool map', () => {
  it('over a range: one JSON result per line, in input order (END excluded)', async () => {
    const run = await cli(['map', module, 'square', '--range', '0:200', '--chunksize', '7', '--db', db]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(Array.from({ length: 200 }, (_, i) => `${i * i}\n`).join(''));
  });

  it('over a JSON file, the module named relative to the current folder', async () => {
    writeFileSync(join(root, 'inputs.json'), JSON.stringify([5, -2, 0.5]));
    const run = await cli(['map', 'module.mjs', 'square', '--inputs', 'inputs.json', '--db', db], { cwd: root }).catch((e: unknown) => e);
    expect(run).toMatchObject({ code: 2, stderr: expect.stringContaining(`the module ${join(root, 'module.mjs')} does not exist`) as string });
    writeFileSync(join(root, 'module.mjs'), `export { square } from ${JSON.stringify(module)};\n`);
    const ok = await cli(['map', 'module.mjs', 'square', '--inputs', 'inputs.json', '--db', db], { cwd: root });
    expect(ok).toMatchObject({ code: 0, stdout: '25\n4\n0.25\n' });
  });

  it('Ctrl-C leaves a map Interrupted (exit 130); `jobs resume` prints every result, in input order', async () => {
    const run = startCli(['map', module, 'square', '--range', '0:60', '--chunksize', '1', '--db', db], { env: { PROCPOOL_TEST_DELAY_MS: '20' } });
    await outputUntil(run, () => run.stdout().split('\n').length > 10, 'ten results');
    run.child.kill('SIGINT');
    expect((await run.exited).code).toBe(130);
    expect(run.stderr()).toContain('procpool jobs resume 1');
    const resumed = await cli(['jobs', 'resume', '1', '--db', db]);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe(Array.from({ length: 60 }, (_, i) => `${i * i}\n`).join(''));
    expect(resumed.stderr).toContain('Done: job 1');
  });

  it('`jobs results ID` prints a finished job\'s results again, as map printed them; a copy job has none (exit 2)', async () => {
    writeFileSync(join(root, 'inputs.json'), '[1, 2, 3, 4]');
    const run = await cli(['map', module, 'failOnThree', '--inputs', join(root, 'inputs.json'), '--db', db]);
    const again = await cli(['jobs', 'results', '1', '--db', db]);
    expect(again).toMatchObject({ code: 1, stdout: run.stdout });
    expect(again.stderr).toBe('procpool jobs results: input 2 (3): RangeError: three is not welcome (got 3)\n');
    const squares = await cli(['map', module, 'square', '--range', '0:5', '--db', db]);
    expect(await cli(['jobs', 'results', '2', '--db', db])).toEqual({ code: 0, stdout: squares.stdout, stderr: '' });

    const source = join(root, 'source');
    mkdirSync(source);
    expect((await cli(['copy', source, join(root, 'copy'), '--db', db])).code).toBe(0);
    const copy = await cli(['jobs', 'results', '3', '--db', db]);
    expect(copy).toMatchObject({ code: 2, stdout: '' });
    expect(copy.stderr).toContain('job 3 is a copy job: results exist for compute jobs only');
    const missing = await cli(['jobs', 'results', '9', '--db', db]);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('there is no job 9') as string });
  });

  it('looking at jobs never makes a database: a mistyped --db lists none and leaves nothing behind', async () => {
    const typo = join(root, 'typo', 'state.db');
    expect(await cli(['jobs', '--db', typo])).toEqual({ code: 0, stdout: `No jobs yet: there is no state database at ${typo}.\n`, stderr: '' });
    expect(await cli(['jobs', '--json', '--db', typo])).toEqual({ code: 0, stdout: '', stderr: '' });
    const resume = await cli(['jobs', 'resume', '3', '--db', typo]);
    expect(resume).toMatchObject({ code: 2, stdout: '' });
    expect(resume.stderr).toContain(`there is no job 3: there is no state database at ${typo}`);
    expect(existsSync(join(root, 'typo'))).toBe(false);
  });

  it('`jobs results ID` of an interrupted map prints the results it has and says how to finish it (exit 1)', async () => {
    const run = startCli(['map', module, 'square', '--range', '0:60', '--chunksize', '1', '--db', db], { env: { PROCPOOL_TEST_DELAY_MS: '20' } });
    await outputUntil(run, () => run.stdout().split('\n').length > 10, 'ten results');
    run.child.kill('SIGINT');
    expect((await run.exited).code).toBe(130);
    const partial = await cli(['jobs', 'results', '1', '--db', db]);
    expect(partial.code).toBe(1);
    const lines = partial.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(10);
    expect(lines).toEqual(Array.from({ length: lines.length }, (_, i) => String(i * i)));
    expect(partial.stderr).toBe(`procpool jobs results: job 1 is Interrupted: ${lines.length} of 60 inputs have their result so far; 'procpool jobs resume 1' finishes it\n`);
  });

  it('a failing item: exit 1, null in its place, its message on stderr; the others go on', async () => {
    writeFileSync(join(root, 'inputs.json'), '[1, 2, 3, 4]');
    const run = await cli(['map', module, 'failOnThree', '--inputs', join(root, 'inputs.json'), '--db', db]);
    expect(run.code).toBe(1);
    expect(run.stdout.trim().split('\n')).toEqual(['{"input":1,"double":2}', '{"input":2,"double":4}', 'null', '{"input":4,"double":8}']);
    expect(run.stderr).toContain('input 2 (3): RangeError: three is not welcome (got 3)');
    expect(run.stderr).toContain('1 of 4 inputs failed');
  });

  it.each([
    ['a missing module', ['map', '/nowhere/at/all.mjs', 'square', '--range', '0:3'], /map: MODULE: the module \/nowhere\/at\/all\.mjs does not exist/],
    ['a missing export', ['map', module, 'cube', '--range', '0:3'], /map: EXPORT: .*has no exported function 'cube' \(it exports: .*square/],
    ['no inputs', ['map', module, 'square'], /give either --inputs FILE or --range START:END/],
    ['both inputs', ['map', module, 'square', '--range', '0:3', '--inputs', 'x.json'], /give either --inputs FILE or --range START:END/],
    ['a bad range', ['map', module, 'square', '--range', '5-9'], /--range must be START:END/],
    ['a range backwards', ['map', module, 'square', '--range', '9:5'], /END \(5\) is before START \(9\)/],
    ['missing inputs', ['map', module, 'square', '--inputs', '/nowhere/x.json'], /map: --inputs: .*do not exist/],
    ['a range too big for one job', ['map', module, 'square', '--range', '0:99999999999'], /map: --range: .*at most 5,000,000 items fit in one job/],
    ['a negative option value', ['map', module, 'square', '--range', '0:3', '--chunksize', '-2'], /--chunksize must be a whole number of 1 or more, got '-2'/],
  ])('%s: exit 2 with the reason on stderr, nothing run', async (_what, args, message) => {
    const run = await cli([...args, '--db', db]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    const listed = await cli(['jobs', '--json', '--db', db]);
    expect(listed.stdout).toBe('');
  });
});
