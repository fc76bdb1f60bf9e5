/**
 * Finds the function a task names: an export of a module (imported once, then cached) or
 * inline source (compiled once per distinct source text). Jobs ask for a module's version
 * as it was on disk when they started instead (importVersion).
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WireTaskRef } from '../shared/worker-protocol.js';
import { importFresh } from './fresh-import.js';
import { moduleVersion } from './module-version.js';
import { syntaxErrorLine } from './syntax-error-line.js';

export type TaskFunction = (...args: unknown[]) => unknown;

const modules = new Map<string, Promise<Record<string, unknown>>>();
/** Modules already imported, by the specifier tasks name them with: the synchronous path of every later task. */
const loaded = new Map<string, Record<string, unknown>>();
const compiled = new Map<string, TaskFunction>();
/** Versions of modules loaded for jobs (module-version.ts), by file URL, then version. */
const versions = new Map<string, Map<string, Promise<Record<string, unknown>>>>();

/** The function if it is already at hand, without waiting. */
export function loadedTask(ref: WireTaskRef, defaultModule?: string): TaskFunction | undefined {
  if ('source' in ref) return compile(ref.source);
  const specifier = ref.module === '' ? defaultModule : ref.module;
  const fn = specifier === undefined ? undefined : loaded.get(specifier)?.[ref.name];
  return typeof fn === 'function' ? (fn as TaskFunction) : undefined;
}

export async function loadTask(ref: WireTaskRef, defaultModule?: string): Promise<TaskFunction> {
  if ('source' in ref) return compile(ref.source);
  return importTask(ref, defaultModule);
}

/**
 * Imports the pool's module ahead of its first task, so that task runs at once rather than
 * after an import (as in Python, where a forked worker has it already). A module that fails
 * to import is left for the first task to report.
 */
export async function preloadModule(specifier: string): Promise<void> {
  await importModule(specifier).catch(() => {});
}

async function importTask(ref: { module: string; name: string }, defaultModule?: string): Promise<TaskFunction> {
  const specifier = ref.module === '' ? defaultModule : ref.module;
  if (!specifier) {
    throw new TypeError(
      `task '${ref.name}' names no module and the pool has none: pass { module, name } or create the Pool with { module }`,
    );
  }
  let exports: Record<string, unknown>;
  try {
    exports = await importModule(specifier);
  } catch (error) {
    throw loadFailure(specifier, error);
  }
  const fn = exports[ref.name];
  if (typeof fn !== 'function') {
    const available = Object.keys(exports).filter((k) => typeof exports[k] === 'function');
    throw new TypeError(
      `module ${specifier} has no exported function '${ref.name}'` +
        (available.length ? ` (it exports: ${available.join(', ')})` : ''),
    );
  }
  return fn as TaskFunction;
}

/** Why the module did not load, naming it (Node's own message names the runtime that imported it), its error's name kept. */
function loadFailure(specifier: string, error: unknown): Error {
  const cause = error instanceof Error ? error : new Error(String(error));
  const path = specifier.startsWith('file:') ? fileURLToPath(specifier) : specifier;
  const missing = (cause as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && cause.message.includes(path);
  const at = cause.name === 'SyntaxError' ? syntaxErrorLine(path) : undefined;
  const why = missing ? 'it does not exist' : `${cause.message}${at ? ` (${at})` : ''}`;
  const failure = new Error(`cannot load the module ${path}: ${why}`, { cause });
  failure.name = cause.name;
  return failure;
}

/** Imports a module by path or file URL, once: later calls share the first import. */
export function importModule(specifier: string): Promise<Record<string, unknown>> {
  const url = specifier.startsWith('file:') ? specifier : pathToFileURL(specifier).href;
  let loading = modules.get(url);
  if (!loading) {
    loading = import(url) as Promise<Record<string, unknown>>;
    modules.set(url, loading);
    loading.catch(() => modules.delete(url));
  }
  void loading.then((exports) => loaded.set(specifier, exports), () => {});
  return loading;
}

/**
 * Imports the module as it is in `version`, once per version. Its first version is the plain
 * import (a worker that never sees an edit loads it once, as before); a later one is a fresh
 * copy (fresh-import.ts). The version must still be the one on disk when this worker first
 * loads it: a job runs one version from start to end, never the text of a later edit.
 */
export function importVersion(specifier: string, version: string): Promise<Record<string, unknown>> {
  const url = specifier.startsWith('file:') ? specifier : pathToFileURL(specifier).href;
  const byVersion = versions.get(url) ?? new Map<string, Promise<Record<string, unknown>>>();
  versions.set(url, byVersion);
  let loading = byVersion.get(version);
  if (!loading) {
    const first = byVersion.size === 0 && !modules.has(url);
    loading = Promise.resolve().then(() => {
      if (versionOnDisk(specifier) !== version) {
        // Said after 'cannot load the module …:' (map-items.ts).
        throw new Error("the job's version of it is gone: it or a module it imports changed on disk after the job started; run the job again to use the new version");
      }
      return first ? importModule(specifier) : importFresh(url, version);
    });
    byVersion.set(version, loading);
    loading.catch(() => byVersion.delete(version));
  }
  return loading;
}

/** A module removed since its job started is a module changed since then. */
function versionOnDisk(specifier: string): string | undefined {
  try {
    return moduleVersion(specifier);
  } catch {
    return undefined;
  }
}

function compile(source: string): TaskFunction {
  let fn = compiled.get(source);
  if (fn) return fn;
  fn = evaluate(source);
  compiled.set(source, fn);
  return fn;
}

/** Arrow and function expressions evaluate as they are; a method (`square(x) {…}`) needs an object around it. */
function evaluate(source: string): TaskFunction {
  const attempts = [`return (${source});`, `return ({ ${source} })[Object.keys({ ${source} })[0]];`];
  let firstError: unknown;
  for (const body of attempts) {
    try {
      const fn = new Function(body)() as unknown;
      if (typeof fn === 'function') return fn as TaskFunction;
    } catch (error) {
      firstError ??= error;
    }
  }
  throw new SyntaxError(
    `inline task function could not be compiled in the worker (${(firstError as Error)?.message ?? 'not a function'}); ` +
      `pass a plain function or arrow, or export it from a module and pass { module, name }`,
  );
}

/** A closure's free variable fails as a ReferenceError; say why it happened. */
export function explainInlineError(error: unknown, ref: WireTaskRef): unknown {
  if ('source' in ref && error instanceof ReferenceError && !error.message.includes('inline task')) {
    error.message +=
      ' (inline task functions are sent to the worker as source and cannot use variables of their surroundings; pass values as arguments or export the function from a module)';
  }
  return error;
}
