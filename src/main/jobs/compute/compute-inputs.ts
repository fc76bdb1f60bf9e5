/**
 * What a compute job maps over (spec.inputs): a range of integers (end excluded, as Python's
 * range), or a path, looked at to decide: a folder (its files, found by a worker), a .json
 * file (a JSON array), any other file (its lines). Problems are JobInputErrors that say
 * which field is wrong and why, raised before a job is created.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { ComputeInputs, ComputeSpec } from '../../../shared/api.js';
import { fieldError } from '../field-error.js';
import { withThousands } from '../../../shared/thousands.js';

export type InputSource =
  | { kind: 'range'; start: number; end: number }
  | { kind: 'json'; path: string }
  | { kind: 'lines'; path: string }
  | { kind: 'folder'; path: string };

/** The most inputs a job may have: each is a ledger row with its result (a larger map: chunk it inside the function). */
export const maxItems = 5_000_000;

/** Numbers per item when the built-in prime counter is given a range: each item is a stretch of it. */
export const primesPerItem = 100_000;

/** How many numbers of a range make one item for this task. */
export function numbersPerItem(task: ComputeSpec['task']): number {
  return 'builtin' in task && task.builtin === 'primes' ? primesPerItem : 1;
}

export function inputSource(inputs: ComputeInputs, perItem = 1): InputSource {
  if (inputs.type === 'range') {
    const { start, end } = inputs;
    if (end < start) throw fieldError('inputs.end', `the range ${start}:${end} ends before it starts: END must be at least START (END is excluded, as in Python's range).`);
    const items = Math.ceil((end - start) / perItem);
    if (items > maxItems) {
      const made = perItem === 1 ? `${withThousands(items)} numbers` : `${withThousands(items)} items of ${withThousands(perItem)} numbers`;
      throw fieldError('inputs.end', `the range ${start}:${end} has ${made}; at most ${withThousands(maxItems)} items fit in one job. Split it into several jobs.`);
    }
    return { kind: 'range', start, end };
  }
  const { path } = inputs;
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw fieldError('inputs.path', code === 'ENOENT' ? `the inputs ${path} do not exist. Check the path.` : `cannot read the inputs ${path}: ${(error as Error).message}.`);
  }
  if (stats.isDirectory()) return { kind: 'folder', path };
  if (!stats.isFile()) throw fieldError('inputs.path', `the inputs ${path} are neither a file nor a folder.`);
  return extname(path).toLowerCase() === '.json' ? { kind: 'json', path } : { kind: 'lines', path };
}

/** The items of a .json inputs file: it must hold one JSON array. */
export function readJsonArray(path: string): unknown[] {
  const text = readText(path);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw fieldError('inputs.path', `the inputs file ${path} is not valid JSON: ${(error as Error).message}. It must hold one JSON array of inputs.`);
  }
  if (!Array.isArray(value)) {
    const found = value === null ? 'null' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
    throw fieldError('inputs.path', `the inputs file ${path} holds ${found}, not an array: write the inputs as one JSON array, e.g. [1, 2, 3].`);
  }
  return value;
}

/** The lines of a text inputs file; a last empty line (the file's final newline) is not an input. */
export function readLines(path: string): string[] {
  const lines = readText(path).split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * A file's text without its byte order mark: editors on Windows (Notepad, PowerShell's
 * Out-File) start UTF-8 files with one, which JSON.parse refuses and which would otherwise
 * become part of the first line's input.
 */
function readText(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw fieldError('inputs.path', `cannot read the inputs file ${path}: ${(error as Error).message}.`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A short, one-line label of an input, for the Workers view and failure lists. */
export function label(json: string): string {
  return json.length <= 60 ? json : `${json.slice(0, 59)}…`;
}
