/**
 * Opens browser mode in the default browser without putting the token on a command line
 * (any user can read another's /proc/PID/cmdline): the opener gets the path of a page only
 * this user can read, which sends the browser on to the URL, the token in its fragment.
 */
import { spawn as spawnProcess, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LauncherPage {
  path: string;
  remove(): void;
}

/** A 0600 page in a fresh 0700 folder that redirects to `url`. */
export function writeLauncherPage(url: string, dir = tmpdir()): LauncherPage {
  const folder = mkdtempSync(join(dir, 'procpool-open-'));
  const path = join(folder, 'open.html');
  writeFileSync(path, launcherHtml(url), { mode: 0o600 });
  return { path, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

export function launcherHtml(url: string): string {
  const href = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return [
    '<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer">',
    `<meta http-equiv="refresh" content="0;url=${href}"><title>Procpool</title>`,
    `<p><a href="${href}">Open Procpool</a></p>`,
    '',
  ].join('\n');
}

type Spawn = (command: string, args: string[], options: SpawnOptions) => ChildProcess;

/** Starts the system's opener on a launcher page; returns what removes that page (once the server stops). */
export function openInBrowser(url: string, onError: (message: string) => void, spawn: Spawn = spawnProcess): () => void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const page = writeLauncherPage(url);
  const child = spawn(command, [page.path], { stdio: 'ignore', detached: true });
  child.on('error', () => onError(`could not open a browser (${command}); open the URL above yourself.`));
  child.unref();
  return page.remove;
}
