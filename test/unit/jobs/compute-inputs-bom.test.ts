/**
 * Inputs files saved by Windows editors (Notepad, PowerShell's Out-File) start with a UTF-8
 * byte order mark: it is not part of the inputs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { readJsonArray, readLines } from '../../../src/main/jobs/compute/compute-inputs.js';
import { removeTree, scratch } from '../../fixtures/jobs-tree.js';

const bom = '\uFEFF';
let root: string;
beforeEach(() => {
  root = scratch('procpool-inputs-');
});
afterEach(() => removeTree(root));

it('reads a JSON inputs file that starts with a byte order mark', () => {
  writeFileSync(join(root, 'inputs.json'), `${bom}[1, "two", {"three": 3}]`);
  expect(readJsonArray(join(root, 'inputs.json'))).toEqual([1, 'two', { three: 3 }]);
});

it('reads the lines of a text inputs file without the byte order mark in the first one', () => {
  writeFileSync(join(root, 'inputs.txt'), `${bom}first\r\nsecond\r\n`);
  expect(readLines(join(root, 'inputs.txt'))).toEqual(['first', 'second']);
});

it('says a file that cannot be read cannot be read, not that it is not valid JSON', () => {
  // A folder named .json: reading it fails with EISDIR, as an unreadable file fails with EACCES.
  expect(() => readJsonArray(root)).toThrow(/cannot read the inputs file .*EISDIR/);
});
