/**
 * `procpool map … | head`: once the reader has gone, the map stops as on Ctrl-C, leaving
 * its job Interrupted and resumable, with no EPIPE crash and stack trace.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { removeTree, scratch } from '../../fixtures/jobs-tree.js';
import { cli, outputUntil, startCli } from './cli-runner.js';

const module = fileURLToPath(new URL('../../fixtures/compute-module.mjs', import.meta.url));

let root: string;
beforeEach(() => {
  root = scratch('procpool-cli-epipe-');
});
afterEach(() => removeTree(root));

it('a map whose output is closed stops, Interrupted and resumable, without a crash', async () => {
  const db = join(root, 'state.db');
  const run = startCli(['map', module, 'square', '--range', '0:400', '--chunksize', '1', '--db', db], { env: { PROCPOOL_TEST_DELAY_MS: '10' } });
  await outputUntil(run, () => run.stdout().split('\n').length > 3, 'three results');
  // What `head -3` does once it has its lines.
  run.child.stdout!.destroy();
  const { code } = await run.exited;
  expect(run.stderr()).not.toMatch(/EPIPE.*\n\s+at |Unhandled 'error' event/);
  expect(code).toBe(130);
  expect(run.stderr()).toContain('Interrupted: job 1');

  const listed = await cli(['jobs', '--json', '--db', db]);
  expect(JSON.parse(listed.stdout.trim())).toMatchObject({ status: 'interrupted', message: expect.stringContaining('output was closed') as string });
  const resumed = await cli(['jobs', 'resume', '1', '--db', db]);
  expect(resumed.code).toBe(0);
  expect(resumed.stdout).toBe(Array.from({ length: 400 }, (_, i) => `${i * i}\n`).join(''));
});
