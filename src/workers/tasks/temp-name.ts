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
import { sep } from 'node:path';

export const tempMarker = '.procpool-tmp-';

/** Most file systems allow 255 bytes per name. */
const nameMaxBytes = 255;

/** A counter rather than fresh random bytes per file: those cost more than the rest of naming one. */
let next = randomInt(2 ** 32);

const suffixStart = `${tempMarker}${process.pid}-`;
/** What is left of a name's 255 bytes for the destination's own name: the dot and the suffix take the rest. */
const room = nameMaxBytes - 1 - Buffer.byteLength(suffixStart) - 8;

/** `destination` is an absolute path as the jobs layer builds it (no trailing separator). */
export function tempPathFor(destination: string): string {
  next = (next + 1) % 2 ** 32;
  const cut = destination.lastIndexOf(sep) + 1;
  const name = destination.slice(cut);
  // A UTF-16 unit is at most 3 bytes of UTF-8: most names need no counting at all.
  const kept = name.length * 3 <= room ? name : truncateUtf8(name, room);
  return `${destination.slice(0, cut)}.${kept}${suffixStart}${next.toString(16).padStart(8, '0')}`;
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
