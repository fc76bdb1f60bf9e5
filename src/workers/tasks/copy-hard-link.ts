/**
 * Another name of a file copied before it: made as a hard link to that copy, so two names
 * of one file in the source are two names of one file in the destination, as `cp -a` keeps
 * them. The jobs layer sends it after the file's first name, in the same batch, or once
 * that is done (hard-links.ts). Made under a temporary name and renamed into place, like
 * files and symlinks: whatever was there (the overwrite policy) is replaced in one step,
 * and a crash never leaves a half-made name.
 */
import { linkSync, lstatSync, renameSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { showPath } from '../../shared/path-bytes.js';
import { toFsPath } from './fs-path.js';
import { CopyError, copyError, errorCode } from './copy-error.js';
import { makeFoldersSync } from './make-folders.js';
import { tempPathFor } from './temp-name.js';

export interface HardLinkInput {
  destination: string;
  /** The copy of the file's first name. */
  target: string;
}

export function copyHardLink({ destination, target }: HardLinkInput): void {
  const existing = lstatSync(toFsPath(destination), { throwIfNoEntry: false });
  // Already a name of that copy (a resumed job): rename would do nothing and leave the temporary name.
  if (existing && sameFile(existing, lstatSync(toFsPath(target), { throwIfNoEntry: false }))) return;
  const temp = tempPathFor(destination);
  try {
    link(target, temp, destination);
    renameSync(toFsPath(temp), toFsPath(destination));
  } catch (error) {
    try {
      unlinkSync(toFsPath(temp));
    } catch {
      // Never made: the error being thrown is the one that matters.
    }
    throw error instanceof CopyError ? error : copyError(error, 'move the hard link into place at', destination);
  }
}

function link(target: string, temp: string, destination: string): void {
  try {
    linkSync(toFsPath(target), toFsPath(temp));
    return;
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw copyError(error, 'make the hard link', destination);
  }
  if (!lstatSync(toFsPath(target), { throwIfNoEntry: false })) {
    throw new CopyError(
      `cannot make ${showPath(destination)} another name of ${showPath(target)} (in the source they are one file, with two names): ` +
        `the copy of ${showPath(target)} is not there, as it failed or is not made yet. Once it is, resume or retry the job.`,
      { code: 'ENOENT', path: destination },
    );
  }
  try {
    makeFoldersSync(dirname(temp));
    linkSync(toFsPath(target), toFsPath(temp));
  } catch (error) {
    throw copyError(error, 'make the hard link', destination);
  }
}

function sameFile(a: { dev: number; ino: number }, b: { dev: number; ino: number } | undefined): boolean {
  return b !== undefined && a.dev === b.dev && a.ino === b.ino;
}
