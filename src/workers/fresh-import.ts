/**
 * Imports a module anew, as a version of its own: ES modules are cached by URL for the life
 * of the process, so the version goes into the URL (`?procpool-v=…`), and a resolve hook
 * gives the local modules it imports the same query, so a helper it imports is read again
 * too. Packages and Procpool's own modules keep their one copy. The hook (a loader thread,
 * some milliseconds) is registered the first time a worker needs a second version.
 */
import { register } from 'node:module';
import { ownCodeUrl } from './module-version.js';

const query = 'procpool-v';

/** Runs in Node's loader thread: plain JavaScript, no imports. */
const hook = `
let skip = '';
export function initialize(data) { skip = data.skip; }
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  const parent = context.parentURL;
  if (!parent || !parent.startsWith('file:') || !resolved.url.startsWith('file:')) return resolved;
  const version = new URL(parent).searchParams.get('${query}');
  const url = new URL(resolved.url);
  if (version === null || url.search !== '' || url.href.startsWith(skip) || url.pathname.includes('/node_modules/')) return resolved;
  url.searchParams.set('${query}', version);
  return { ...resolved, url: url.href };
}
`;

let registered = false;

export function importFresh(url: string, version: string): Promise<Record<string, unknown>> {
  if (!registered) {
    register(`data:text/javascript,${encodeURIComponent(hook)}`, { data: { skip: ownCodeUrl } });
    registered = true;
  }
  const versioned = new URL(url);
  versioned.searchParams.set(query, version);
  return import(versioned.href) as Promise<Record<string, unknown>>;
}
