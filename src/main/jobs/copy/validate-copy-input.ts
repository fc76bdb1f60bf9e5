/**
 * Checks a copy job's source and destination before anything is created, and says what is
 * wrong, where, and what to do (JobInputError; the CLI exits 2 with it).
 *
 * The rules:
 * - SOURCE is a folder whose contents become DESTINATION's, or a single regular file,
 *   which is copied into DESTINATION (DESTINATION/<name>), as `cp file folder/` does.
 *   A link named as SOURCE is followed (the user chose it); links inside never are.
 * - DESTINATION is always a folder: created when missing, merged into when it exists.
 *   It may not be a file, the source itself, or inside the source (compared by real
 *   paths, so a link cannot smuggle the destination into the source).
 */
import { constants } from 'node:fs';
import { access, lstat, readlink, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { JobInputError } from '../../../shared/errors.js';

export interface ValidCopyInput {
  kind: 'folder' | 'file';
  /** The source's real absolute path. */
  source: string;
  /** The destination folder's absolute path, its existing part resolved to a real path. */
  destination: string;
  destinationExists: boolean;
}

const nothingChanged = 'Nothing was created or changed.';

export async function validateCopyInput(source: string, destination: string, cwd: string = process.cwd()): Promise<ValidCopyInput> {
  checkGiven('source', source);
  checkGiven('destination', destination);
  const from = await resolveSource(resolve(cwd, source), source);
  const to = await resolveDestination(resolve(cwd, destination));
  if (from.kind === 'folder') {
    if (to.path === from.path) {
      fail(`the source and the destination are the same folder (${from.path}): choose a different destination.`);
    }
    if (isInside(to.path, from.path)) {
      fail(
        `the destination ${to.path} is inside the source ${from.path}: the copy would copy itself over and over. ` +
          'Choose a destination outside the source.',
      );
    }
  } else if (join(to.path, basename(from.path)) === from.path) {
    fail(`copying ${from.path} into ${to.path} would copy the file onto itself: choose a different destination folder.`);
  }
  await checkWritable(to.existing);
  return { kind: from.kind, source: from.path, destination: to.path, destinationExists: to.exists };
}

function checkGiven(what: string, path: unknown): void {
  if (typeof path !== 'string' || path.trim() === '') fail(`no ${what} given: name the ${what} folder.`);
  if ((path as string).includes('\0')) fail(`the ${what} path contains a NUL character, which no file name can hold.`);
}

async function resolveSource(absolute: string, given: string): Promise<{ kind: 'folder' | 'file'; path: string }> {
  const shown = absolute === given ? absolute : `${absolute} (from "${given}")`;
  try {
    await lstat(absolute);
  } catch (error) {
    failFs(error, `the source ${shown}`, 'Check the path and try again.');
  }
  let real: string;
  try {
    real = await realpath(absolute);
  } catch {
    const target = await readlink(absolute).catch(() => '?');
    return fail(`the source ${shown} is a symbolic link to ${target}, which does not exist. Name an existing folder.`);
  }
  const stats = await stat(real);
  if (stats.isDirectory()) {
    await access(real, constants.R_OK | constants.X_OK).catch((error: unknown) =>
      failFs(error, `the source folder ${shown}`, 'Check its permissions, or run as a user who can read it.'),
    );
    return { kind: 'folder', path: real };
  }
  if (stats.isFile()) {
    await access(real, constants.R_OK).catch((error: unknown) =>
      failFs(error, `the source file ${shown}`, 'Check its permissions, or run as a user who can read it.'),
    );
    return { kind: 'file', path: real };
  }
  return fail(`the source ${shown} is neither a folder nor a regular file (a device, pipe or socket): name a folder or a file.`);
}

/** The destination's real path: its deepest existing ancestor resolved, the rest appended. */
async function resolveDestination(absolute: string): Promise<{ path: string; exists: boolean; existing: string }> {
  const missing: string[] = [];
  let current = absolute;
  for (;;) {
    const stats = await lstat(current).catch((error: unknown) => {
      const code = (error as { code?: string }).code;
      // ENOTDIR: a file further up; walking up reaches it and says so.
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      return failFs(error, `the destination ${absolute}`, 'Check the path and its permissions.');
    });
    if (stats) break;
    missing.unshift(basename(current));
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  const real = await realpath(current).catch(() =>
    fail(`the destination ${absolute} goes through ${current}, a symbolic link to nowhere: point it at a folder or choose another destination.`),
  );
  const stats = await stat(real);
  if (!stats.isDirectory()) {
    if (current === absolute) {
      fail(`the destination ${absolute} is a file: the destination must be a folder (it is created when missing). Choose another path.`);
    }
    fail(`cannot create the destination ${absolute}: ${current} is a file, not a folder. Choose another path.`);
  }
  return { path: missing.length ? join(real, ...missing) : real, exists: missing.length === 0, existing: real };
}

async function checkWritable(folder: string): Promise<void> {
  await access(folder, constants.W_OK | constants.X_OK).catch((error: unknown) => {
    const code = (error as { code?: string }).code;
    const why = code === 'EROFS' ? 'the disk is read-only' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
    fail(`cannot write to the destination folder ${folder}: ${why}. Choose a folder you can write to, or change its permissions.`);
  });
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function failFs(error: unknown, what: string, hint: string): never {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') fail(`${what} does not exist. ${hint}`);
  if (code === 'ENOTDIR') fail(`${what} does not exist: a part of its path is a file, not a folder. ${hint}`);
  if (code === 'EACCES' || code === 'EPERM') fail(`${what} cannot be accessed: permission denied. ${hint}`);
  fail(`${what} cannot be accessed: ${(error as Error).message}. ${hint}`);
}

function fail(message: string): never {
  throw new JobInputError(`${message} ${nothingChanged}`);
}
