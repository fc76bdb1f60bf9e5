/**
 * CopyError: a file operation that failed, told the way a person needs it: what could not
 * be done, to which path, why, and what to do. `code`, `path` and `transient` are plain
 * fields, so they survive the trip to the parent (error-wire keeps them).
 */
import type { CopyFailure } from '../../shared/copy-types.js';
import { showPath } from '../../shared/path-bytes.js';
import { withThousands } from '../../shared/thousands.js';

/** Errors that go away on their own: a busy file, too many open files for a moment. */
export const transientCodes: ReadonlySet<string> = new Set(['EBUSY', 'EAGAIN', 'EMFILE', 'ENFILE']);

export class CopyError extends Error {
  readonly code: string | undefined;
  readonly path: string;
  readonly transient: boolean;

  constructor(message: string, details: { code?: string | undefined; path: string; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'CopyError';
    this.code = details.code;
    this.path = details.path;
    this.transient = details.code !== undefined && transientCodes.has(details.code);
  }
}

export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const reasons: Record<string, string> = {
  ENOENT: 'it does not exist (any more)',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EROFS: 'the file system is read-only',
  ENAMETOOLONG: 'the name is too long for the file system',
  EISDIR: 'a folder is in the way',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'something already exists there',
  EIO: 'an input/output error (a failing disk or a lost network share)',
  ELOOP: 'it is now a symbolic link, and links are never followed',
};

const hints: Record<string, string> = {
  ENOENT: 'It was there when the folder was scanned; if it should be copied, restore it and resume the job.',
  EACCES: 'Check the permissions of the file and its folders, then resume the job.',
  EPERM: 'Check the permissions and attributes (immutable, append-only) of the file, then resume the job.',
  ENOSPC: 'Free some space on the destination disk, then resume the job; the partial copy was removed.',
  EDQUOT: 'Free some space within your quota, then resume the job; the partial copy was removed.',
  EROFS: 'Choose a destination on a writable disk.',
  ENAMETOOLONG: 'Shorten the name in the source, or copy to a file system that allows longer names.',
  EISDIR: 'Remove or rename what is in the way, or use the rename conflict policy.',
  ENOTDIR: 'Remove or rename the file that is in the way.',
  EEXIST: 'Remove or rename what is in the way, or use another conflict policy.',
  EIO: 'Check the disk, then resume the job.',
  ELOOP: 'It changed since the folder was scanned; rescan the folder.',
  ENOTSUP: 'Choose a destination on a disk that holds ordinary files and folders.',
};

/** Why an fs call failed, in words: 'permission denied (EACCES)'. */
export function reasonOf(error: unknown): string {
  const code = errorCode(error);
  return code ? `${wordsFor(error, code)} (${code})` : wordsFor(error, code);
}

function wordsFor(error: unknown, code: string | undefined): string {
  return (code && reasons[code]) ?? (error instanceof Error ? error.message : String(error));
}

/** Wraps a failed fs call as a CopyError; `action` reads as "cannot <action> <path>". */
export function copyError(error: unknown, action: string, path: string, extra = ''): CopyError {
  if (error instanceof CopyError || (error as Error | null)?.name === 'AbortError') return error as CopyError;
  const code = errorCode(error);
  const reason = wordsFor(error, code);
  const hint = code && transientCodes.has(code) ? 'It may be busy; retrying later usually works.' : code ? hints[code] : undefined;
  const message = `cannot ${action} ${showPath(path)}: ${reason}${extra}${code ? ` (${code})` : ''}.${hint ? ` ${hint}` : ''}`;
  return new CopyError(message, { code, path, cause: error });
}

/** The scan saw a file; now something else (a folder, a link, a device) is there. */
export function notAFile(source: string): CopyError {
  return new CopyError(
    `cannot copy ${showPath(source)}: it is no longer a regular file (it changed since the folder was scanned). Rescan the folder.`,
    { code: 'ENOTFILE', path: source },
  );
}

/** The code of a source that changed while it was being copied (copy-bytes.ts). */
export const changedCode = 'ECHANGED';

/** A source whose size or times moved between the first read and the last: its copy is not kept. */
export function changedWhileCopied(source: string, sizeBefore: number, sizeAfter: number): CopyError {
  const [before, after] = [sizeInWords(sizeBefore), sizeInWords(sizeAfter)];
  const what =
    sizeBefore === sizeAfter
      ? 'its contents were modified'
      : before === after
        ? `size ${withThousands(sizeBefore)} → ${withThousands(sizeAfter)} bytes`
        : `size ${before} → ${after}`;
  return new CopyError(
    `cannot copy ${showPath(source)}: it changed while it was copied (${what}), so the copy was not kept. ` +
      'Copy it again once nothing writes to it: resume or retry the job.',
    { code: changedCode, path: source },
  );
}

/** 1.1 GB, 10 MB, 512 B: the units people read sizes in (decimal, as the command line shows them). */
function sizeInWords(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes / 1000;
  let unit = 0;
  for (; value >= 1000 && unit < units.length - 1; unit++) value /= 1000;
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** A failure as batch data. */
export function toCopyFailure(error: unknown, fallbackPath: string): CopyFailure {
  const wrapped = error instanceof Error ? error : new Error(String(error));
  const code = errorCode(wrapped);
  const path = (wrapped as { path?: unknown }).path;
  return {
    name: wrapped.name,
    message: wrapped.message,
    ...(code !== undefined && { code }),
    path: typeof path === 'string' ? path : fallbackPath,
    transient: code !== undefined && transientCodes.has(code),
  };
}
