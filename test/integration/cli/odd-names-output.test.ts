/**
 * A name holding a newline or an escape sequence is shown escaped (as `ls -b` does) in what
 * the command line prints, so each failed item stays on one line and the terminal obeys
 * nothing from a file name.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { printable } from '../../../src/main/cli/printable.js';
import { removeTree, scratch } from '../../fixtures/jobs-tree.js';
import { cli } from './cli-runner.js';

let root: string;
beforeEach(() => {
  root = scratch('procpool-cli-names-');
});
afterEach(() => removeTree(root));

it('escapes control characters, and leaves every other character as it is', () => {
  expect(printable('bad\nname\tand\r\x1b[31mred\x7f')).toBe('bad\\nname\\tand\\r\\x1b[31mred\\x7f');
  expect(printable('ünïcødé 日本 --dash C:\\x')).toBe('ünïcødé 日本 --dash C:\\x');
});

it('lists a failed item whose name holds a newline on one line', async () => {
  const source = join(root, 'src');
  mkdirSync(source);
  writeFileSync(join(source, 'fine.txt'), 'ok');
  execFileSync('mkfifo', [join(source, 'two\nlines')]);
  execFileSync('mkfifo', [join(source, 'red\x1b[31m')]);
  const run = await cli(['copy', source, join(root, 'dst'), '--db', join(root, 'state.db')]);
  expect(run.code).toBe(1);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^Failed: job 1: 2 of \d+ items failed$/);
  expect(lines.slice(1)).toEqual([
    expect.stringMatching(/^ {2}red\\x1b\[31m: not copied: .*red\\x1b\[31m is a named pipe/) as string,
    expect.stringMatching(/^ {2}two\\nlines: not copied: .*two\\nlines is a named pipe/) as string,
    '2 B of 2 B copied.',
  ]);
});
