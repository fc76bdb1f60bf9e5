/**
 * The temporary name a copy is written under before it is renamed into place:
 * `.<name>.procpool-tmp-<pid>-<8 hex>`, in the destination's own folder (so the rename
 * is atomic, never across disks). Hidden, so file browsers do not show half-written files;
 * the pid keeps two workers apart, and the counter (from a random start) two files of one
 * worker and two runs. The file is created with O_EXCL, so a clash fails, never clobbers.
 *
 * The parent recognises these names to clean up after a crash
 * (src/shared/temp-name-pattern.ts); a test keeps the two in step.
 */
import { randomInt } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

export const tempMarker = '.procpool-tmp-';

/** Most file systems allow 255 bytes per name. */
const nameMaxBytes = 255;

/** A counter rather than fresh random bytes per file: those cost more than the rest of naming one. */
let next = randomInt(2 ** 32);

export function tempPathFor(destination: string): string {
  next = (next + 1) % 2 ** 32;
  const suffix = `${tempMarker}${process.pid}-${next.toString(16).padStart(8, '0')}`;
  const room = nameMaxBytes - 1 - Buffer.byteLength(suffix);
  return join(dirname(destination), `.${truncateUtf8(basename(destination), room)}${suffix}`);
}

/** Cuts a string to at most `maxBytes` of UTF-8 without splitting a character. */
function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}
