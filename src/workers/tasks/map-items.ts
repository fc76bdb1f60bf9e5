/**
 * Tasks of compute jobs: call an export of a user's module on each item of a chunk, where
 * an item that throws is recorded with its error and the rest go on (Pool.map would fail
 * the whole map), and results come back as JSON text, the form they are stored and exported
 * in, so a value JSON cannot hold (a BigInt, a Map) is turned into one here, in the worker.
 */
import { progress, signal } from '../index.js';
import { progressReporter } from '../progress-reporter.js';
import { syntaxErrorLine } from '../syntax-error-line.js';
import { moduleVersion } from '../module-version.js';
import { importModule, importVersion } from '../task-loader.js';

export type ItemOutcome = { ok: true; json: string } | { ok: false; error: { name: string; message: string } };

type Fn = (item: unknown) => unknown;

/** Report progress this often (items), so a chunk of trivial calls pays nearly nothing for it. */
const reportEvery = 64;

/** `version`: the module's version when the job started (moduleVersionOf); without one, the module as first loaded. */
export async function mapItems(ref: { module: string; name: string; version?: string }, items: unknown[]): Promise<ItemOutcome[]> {
  const fn = await loadExport(ref.module, ref.name, ref.version);
  const outcomes: ItemOutcome[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    // Paused or cancelled: the rest of the chunk is not begun (an item's AbortError is not its failure).
    signal.throwIfAborted();
    progressReporter.itemStarts(i, items.length);
    try {
      let value = fn(items[i]);
      if (value instanceof Promise) value = await value;
      outcomes[i] = { ok: true, json: toJsonText(value) };
    } catch (error) {
      const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
      outcomes[i] = { ok: false, error: { name, message } };
    } finally {
      progressReporter.itemDone();
    }
    if ((i + 1) % reportEvery === 0 || i === items.length - 1) progress(i + 1, items.length, String(i));
  }
  return outcomes;
}

/** Task: checks that the module as it is on disk now loads and has the export, before a job is created. */
export async function probeExport(module: string, name: string): Promise<true> {
  await loadExport(module, name, moduleVersion(module));
  return true;
}

/** Task: the version of a user's module on disk, which a job pins when it starts (module-version.ts). */
export function moduleVersionOf(module: string): string {
  return moduleVersion(module);
}

async function loadExport(module: string, name: string, version?: string): Promise<Fn> {
  let exports: Record<string, unknown>;
  try {
    exports = await (version === undefined ? importModule(module) : importVersion(module, version));
  } catch (error) {
    const at = (error as Error | undefined)?.name === 'SyntaxError' ? syntaxErrorLine(module) : undefined;
    const reason = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)) + (at ? ` (${at})` : '');
    throw new TypeError(`cannot load the module ${module}: ${reason}`, { cause: error });
  }
  const fn = exports[name];
  if (name in exports && typeof fn !== 'function') {
    throw new TypeError(`the module ${module} exports '${name}', but it is ${kindOf(fn)}, not a function`);
  }
  if (typeof fn !== 'function') {
    const available = Object.keys(exports).filter((key) => typeof exports[key] === 'function');
    throw new TypeError(
      `the module ${module} has no exported function '${name}'` + (available.length ? ` (it exports: ${available.join(', ')})` : ' (it exports no functions)'),
    );
  }
  return fn as Fn;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  return typeof value === 'object' ? (Array.isArray(value) ? 'an array' : 'an object') : `a ${typeof value}`;
}

/**
 * JSON text of any result: BigInt as a string, Map as an object (or entries), Set and typed
 * arrays as arrays, an Error as its name and message. A function or symbol fails the item,
 * as a structured clone would: JSON would silently print null or leave it out.
 */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value, replacer) ?? 'null';
}

function replacer(key: string, value: unknown): unknown {
  if (typeof value === 'function' || typeof value === 'symbol') {
    throw new TypeError(`the result ${key === '' ? 'is' : `holds, at '${key}',`} a ${typeof value}, which cannot be kept as JSON: return plain data`);
  }
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Map) {
    const entries = [...value.entries()];
    return entries.every(([key]) => typeof key === 'string') ? Object.fromEntries(entries) : entries;
  }
  if (value instanceof Set) return [...value];
  if (ArrayBuffer.isView(value) && !(value instanceof DataView) && !Buffer.isBuffer(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (value === undefined) return null;
  return value;
}
