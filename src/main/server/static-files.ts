/**
 * Serves the built renderer: files under one folder only (no way out through `..` or
 * links outside it), with their content type; unknown paths get the app's index.html, so a
 * reload on any view works.
 */
import { existsSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  body: Buffer;
  type: string;
  /** Hashed assets never change; index.html always may. */
  immutable: boolean;
}

/** Where `npm run build` puts the renderer, seen from dist/main/server or src/main/server. */
export function defaultStaticDir(): string {
  const candidates = ['../../renderer/', '../../../dist/renderer/'].map((rel) => fileURLToPath(new URL(rel, import.meta.url)));
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]!;
}

export async function readStatic(root: string, urlPath: string): Promise<StaticFile | undefined> {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath.split('?')[0]!);
  } catch {
    return undefined;
  }
  if (relative.includes('\0')) return undefined;
  const base = await realpath(root).catch(() => undefined);
  if (!base) return undefined;
  const wanted = relative === '/' || relative === '' ? 'index.html' : relative.replace(/^\/+/, '');
  const file = await inside(base, join(base, wanted));
  if (file) return { body: await readFile(file), type: types[extname(file)] ?? 'application/octet-stream', immutable: file.includes(`${sep}assets${sep}`) };
  // Paths without an extension are views of the single-page app.
  if (extname(wanted) !== '') return undefined;
  const index = await inside(base, join(base, 'index.html'));
  return index ? { body: await readFile(index), type: types['.html']!, immutable: false } : undefined;
}

async function inside(base: string, path: string): Promise<string | undefined> {
  const real = await realpath(path).catch(() => undefined);
  if (!real || !(real === base || real.startsWith(base + sep))) return undefined;
  const info = await stat(real).catch(() => undefined);
  return info?.isFile() ? real : undefined;
}
