/**
 * What version of a module is on disk: a hash of its text and of the local modules it
 * imports, followed through (a relative, absolute or file: specifier in an import, export
 * or literal import() found in the text). A job pins the version on disk when it starts
 * and its workers load that version (task-loader.ts importVersion), so an edit to the
 * module or to one of its helpers is seen by the next job. Packages (bare specifiers) and
 * Procpool's own code are not followed: a worker keeps what it first loaded of those.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Procpool's own code (src/ or dist/), which versions never copy: its modules hold the worker's state. */
export const ownCodeUrl = new URL('../', import.meta.url).href;

const specifiers = /(?:\bfrom|\bimport)\s*\(?\s*(['"])([^'"\n]+)\1/g;
/** Far more than a task module has: a bound on what a stray match could pull in. */
const maxFiles = 1000;

export function moduleVersion(module: string): string {
  const root = module.startsWith('file:') ? fileURLToPath(module) : module;
  const hash = createHash('sha256');
  const seen = new Set<string>([root]);
  const queue = [root];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      // A helper that is not there fails its import, where the message says so.
      if (file !== root) continue;
      const code = (error as NodeJS.ErrnoException).code;
      throw new Error(`cannot load the module ${root}: ${code === 'ENOENT' ? 'it does not exist' : (error as Error).message}`, { cause: error });
    }
    hash.update(`${file}\0${text}\0`);
    for (const local of localImports(file, text)) {
      if (seen.has(local) || seen.size >= maxFiles) continue;
      seen.add(local);
      queue.push(local);
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** The files of the local modules `text` imports that exist. */
function localImports(file: string, text: string): string[] {
  const found: string[] = [];
  for (const [, , specifier] of text.matchAll(specifiers)) {
    if (!specifier || !/^(\.\.?\/|\/|file:)/.test(specifier)) continue;
    const url = new URL(specifier, pathToFileURL(file));
    if (url.protocol !== 'file:' || url.href.startsWith(ownCodeUrl) || url.pathname.includes('/node_modules/')) continue;
    url.search = '';
    url.hash = '';
    const path = fileURLToPath(url);
    // Run through tsx, './helper.js' may name helper.ts.
    const candidates = [path, path.replace(/\.([mc]?)js$/, '.$1ts')];
    const existing = candidates.find((candidate) => existsSync(candidate));
    if (existing) found.push(existing);
  }
  return found;
}
