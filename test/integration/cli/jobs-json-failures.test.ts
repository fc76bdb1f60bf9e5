/**
 * A copy with more failed items than the terminal shows says where the rest are:
 * `procpool jobs --json`, which must then list every one of them with its message.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { removeTree, scratch } from '../../fixtures/jobs-tree.js';
import { cli } from './cli-runner.js';

let root: string;
beforeEach(() => {
  root = scratch('procpool-cli-failures-');
});
afterEach(() => removeTree(root));

it("`jobs --json` lists every failed item the copy's summary left out", async () => {
  const source = join(root, 'src');
  mkdirSync(source);
  writeFileSync(join(source, 'fine.txt'), 'ok');
  // Pipes are never copied: each is a failed item, with no permissions needed to make one.
  const pipes = Array.from({ length: 25 }, (_, i) => `pipe-${String(i).padStart(2, '0')}`);
  for (const pipe of pipes) execFileSync('mkfifo', [join(source, pipe)]);
  const db = join(root, 'state.db');
  const copy = await cli(['copy', source, join(root, 'dst'), '--db', db]);
  expect(copy.code).toBe(1);
  expect(copy.stderr).toContain("… and 5 more ('procpool jobs --json' lists them all)");

  const listed = await cli(['jobs', '--json', '--db', db]);
  expect(listed.code).toBe(0);
  const [job] = listed.stdout.trim().split('\n').map((line) => JSON.parse(line) as { itemsFailed: number; failures: Array<{ item: string; message: string }> });
  expect(job!.itemsFailed).toBe(25);
  expect(job!.failures.map((failure) => failure.item).sort()).toEqual(pipes);
  expect(job!.failures[0]!.message).toContain('is a named pipe');
});

it('`jobs --json` gives a job without failed items an empty failures list', async () => {
  const source = join(root, 'src');
  mkdirSync(source);
  writeFileSync(join(source, 'fine.txt'), 'ok');
  const db = join(root, 'state.db');
  expect((await cli(['copy', source, join(root, 'dst'), '--db', db])).code).toBe(0);
  const listed = await cli(['jobs', '--json', '--db', db]);
  expect(JSON.parse(listed.stdout.trim())).toMatchObject({ status: 'done', failures: [] });
});
