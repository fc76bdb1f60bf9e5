/**
 * Checks a job spec before a job is created, and makes it independent of where it was
 * typed: paths become absolute (a resume may run from another folder). Each problem names
 * its field, so a form can show it where it belongs; nothing is created on a bad spec.
 * Copies: validate-copy-input.ts. Computes: the module must exist and have the export (a
 * worker loads it, never the main process), and the inputs must be readable.
 */
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, isAbsolute, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jobSpecSchema, type ComputeSpec, type CopySpec, type JobSpec } from '../../shared/api.js';
import { JobInputError } from '../../shared/errors.js';
import { inputSource, numbersPerItem, readJsonArray } from './compute/compute-inputs.js';
import { validateCopyInput } from './copy/validate-copy-input.js';
import { fieldError, fieldOf } from './field-error.js';

export interface SpecChecks {
  /** Where a relative path starts (the command line's working folder); null: relative paths are refused (the app). */
  cwd: string | null;
  /** Loads the module in a worker and checks the export; rejects with the reason. */
  probe(module: string, name: string): Promise<void>;
}

export type FieldProblem = { field: string; message: string };

/** The spec made absolute and checked, or every problem found (schema problems all at once). */
export async function validateSpec(input: unknown, checks: SpecChecks): Promise<{ spec: JobSpec } | { problems: FieldProblem[] }> {
  const parsed = jobSpecSchema.safeParse(input);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || 'spec', message: issue.message })) };
  }
  try {
    const spec = parsed.data.kind === 'copy' ? await checkCopy(parsed.data, checks.cwd) : await checkCompute(parsed.data, checks);
    return { spec: { ...spec, name: spec.name?.trim() || defaultName(spec) } };
  } catch (error) {
    if (!(error instanceof JobInputError)) throw error;
    return { problems: [{ field: fieldOf(error) ?? 'spec', message: error.message }] };
  }
}

/** validateSpec for callers that want an error: a JobInputError naming the field. */
export async function checkSpec(input: unknown, checks: SpecChecks): Promise<JobSpec> {
  const result = await validateSpec(input, checks);
  if ('spec' in result) return result.spec;
  const [first] = result.problems;
  const message = first!.field === 'spec' || first!.message.includes(first!.field) ? first!.message : `${first!.field}: ${first!.message}`;
  throw fieldError(first!.field, message);
}

async function checkCopy(spec: CopySpec, cwd: string | null): Promise<CopySpec> {
  const [source, destination] = [fullPath('source', spec.source, cwd), fullPath('destination', spec.destination, cwd)];
  try {
    const valid = await validateCopyInput(source, destination);
    return { ...spec, source: valid.source, destination: valid.destination };
  } catch (error) {
    if (!(error instanceof JobInputError)) throw error;
    // validate-copy-input.ts speaks of the source first when the source is at fault.
    const aboutSource = /^(no source|the source (?!and the destination))/.test(error.message);
    throw fieldError(aboutSource ? 'source' : 'destination', error.message);
  }
}

async function checkCompute(spec: ComputeSpec, checks: SpecChecks): Promise<ComputeSpec> {
  let { task, inputs } = spec;
  if ('module' in task) {
    const module = task.module.startsWith('file:') ? fileURLToPath(task.module) : fullPath('task.module', task.module, checks.cwd);
    const stats = statSync(module, { throwIfNoEntry: false });
    if (!stats?.isFile()) {
      throw fieldError('task.module', `the module ${module} ${stats ? 'is not a file' : 'does not exist'}. Give the path of an ES module (.js or .mjs) that exports the function.`);
    }
    await checks.probe(module, task.name).catch((error: unknown) => {
      const message = (error as Error).message;
      throw fieldError(message.startsWith('cannot load') ? 'task.module' : 'task.name', message);
    });
    task = { module, name: task.name };
  }
  if (inputs.type === 'path') inputs = { type: 'path', path: fullPath('inputs.path', inputs.path, checks.cwd) };
  const source = inputSource(inputs, numbersPerItem(task));
  if (source.kind === 'json') readJsonArray(source.path);
  if ('builtin' in task && task.builtin === 'sha256' && source.kind === 'range') {
    throw fieldError('inputs', 'the sha256 task hashes files: give a folder (or a file listing paths), not a range.');
  }
  if ('builtin' in task && task.builtin === 'primes' && source.kind !== 'range' && source.kind !== 'json') {
    throw fieldError('inputs', 'the primes task counts primes in ranges: give a range START:END, or a .json file of [start, end] pairs.');
  }
  return { ...spec, task, inputs };
}

function defaultName(spec: JobSpec): string {
  if (spec.kind === 'copy') return `Copy ${basename(spec.source)} → ${spec.destination}`;
  const over = spec.inputs.type === 'range' ? `${spec.inputs.start}:${spec.inputs.end}` : basename(spec.inputs.path);
  if ('builtin' in spec.task) return spec.task.builtin === 'sha256' ? `SHA-256 of ${over}` : `Count primes in ${over}`;
  return `${spec.task.name} over ${over}`;
}

/**
 * A spec's path as the file system knows it: `~` is the home folder, and a relative path
 * starts at `cwd`. The app has no working folder a person chose (cwd null): there a relative
 * path is refused rather than guessed (it resolved against wherever the server started).
 */
function fullPath(field: string, path: string, cwd: string | null): string {
  if (path.trim() === '' || isAbsolute(path)) return path; // an empty one is validated where it is used
  if (path === '~' || path.startsWith('~/') || path.startsWith(`~${sep}`)) return join(homedir(), path.slice(1));
  if (cwd !== null) return resolve(cwd, path);
  throw fieldError(field, `"${path}" is not a full path: start it at the root (/…) or at your home folder (~/…).`);
}
