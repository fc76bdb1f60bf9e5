/**
 * File names as Linux has them: any bytes but '/' and NUL, not necessarily UTF-8. A copy
 * carries each path as a string in which every byte that is not part of valid UTF-8 is a
 * lone surrogate U+DC80–U+DCFF (Python's 'surrogateescape'): a valid name is the string it
 * always was, and no valid name holds a lone surrogate, so the mapping is one to one.
 *
 * Such a string must not reach fs, SQLite or a person as it is (each would make U+FFFD of
 * the surrogate): fs gets its exact bytes (toFsPath, in main and workers), the jobs ledger keeps it as escaped JSON
 * (main/jobs/ledger-paths.ts), and people read showPath's '\xff'.
 */

/** A lone low surrogate of our range: not the second half of a pair. */
const escapedByte = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;
const escapedBytes = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/g;
/** Keeps a leading U+FEFF: it is part of a name, not a byte-order mark to drop. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8 = new TextEncoder();

/** Whether a path holds bytes that are not UTF-8 (as escapes). */
export function hasRawBytes(path: string): boolean {
  return escapedByte.test(path);
}

/** A path's exact bytes: UTF-8 for its characters, the byte itself for each escape (fs-path.ts hands them to fs). */
export function pathBytes(path: string): Uint8Array {
  const parts: Uint8Array[] = [];
  let start = 0;
  for (const match of path.matchAll(escapedBytes)) {
    parts.push(utf8.encode(path.slice(start, match.index)), Uint8Array.of(match[0].charCodeAt(0) - 0xdc00));
    start = match.index + 1;
  }
  parts.push(utf8.encode(path.slice(start)));
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

/** A name or path as read in bytes (readdir, readlink with encoding 'buffer'), as the string a copy carries. */
export function pathFromBytes(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return escapeInvalid(bytes);
  }
}

/** For people: each byte that is not UTF-8 as '\xff'. */
export function showPath(path: string): string {
  return escapedByte.test(path) ? path.replace(escapedBytes, (char) => `\\x${(char.charCodeAt(0) - 0xdc00).toString(16).padStart(2, '0')}`) : path;
}

/** Valid runs decoded as UTF-8, each other byte escaped. */
function escapeInvalid(bytes: Uint8Array): string {
  let text = '';
  let run = 0;
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    text += strictUtf8.decode(bytes.subarray(run, i)) + String.fromCharCode(0xdc00 + bytes[i]!);
    run = ++i;
  }
  return text + strictUtf8.decode(bytes.subarray(run));
}

/** The length of the well-formed UTF-8 sequence at `i` (Unicode's table 3-7), 0 when there is none. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const first = bytes[i]!;
  if (first < 0x80) return 1;
  const inRange = (offset: number, low: number, high: number): boolean => {
    const byte = bytes[i + offset];
    return byte !== undefined && byte >= low && byte <= high;
  };
  if (first >= 0xc2 && first <= 0xdf) return inRange(1, 0x80, 0xbf) ? 2 : 0;
  if (first >= 0xe0 && first <= 0xef) {
    const [low, high] = first === 0xe0 ? [0xa0, 0xbf] : first === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return inRange(1, low, high) && inRange(2, 0x80, 0xbf) ? 3 : 0;
  }
  if (first >= 0xf0 && first <= 0xf4) {
    const [low, high] = first === 0xf0 ? [0x90, 0xbf] : first === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return inRange(1, low, high) && inRange(2, 0x80, 0xbf) && inRange(3, 0x80, 0xbf) ? 4 : 0;
  }
  return 0;
}
