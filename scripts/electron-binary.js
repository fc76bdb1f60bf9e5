// Where Electron's binary is, or why there is none. The `electron` package fetches its binary
// from outside the npm registry (at install, or when first required); where only package
// registries are reachable that fails, so this looks without requiring the package, and
// tries the download only when asked to.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function electronBinary({ download = false } = {}) {
  let dir;
  try {
    dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { path: undefined, reason: 'the electron package is not installed (npm install)' };
  }
  const found = look(dir);
  if (found || !download) return found ? { path: found, reason: '' } : { path: undefined, reason: 'the electron package has no binary (its download did not happen)' };
  const result = spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'pipe', timeout: 120_000, encoding: 'utf8' });
  const again = look(dir);
  if (again) return { path: again, reason: '' };
  const why = `${result.stderr ?? ''}${result.stdout ?? ''}`.split('\n').find((line) => /error|fail/i.test(line))?.trim();
  return { path: undefined, reason: `Electron's binary could not be downloaded${why ? ` (${why})` : ''}` };
}

function look(dir) {
  const pathFile = join(dir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const path = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, name || 'electron');
    return existsSync(path) ? path : undefined;
  }
  if (!name) return undefined;
  const path = join(dir, 'dist', name);
  return existsSync(path) ? path : undefined;
}
