/** A copy's path as fs takes it (see shared/path-bytes.ts): the string itself, or its exact bytes when it holds escapes. */
import { hasRawBytes, pathBytes } from '../../../shared/path-bytes.js';

export function toFsPath(path: string): string | Buffer {
  if (!hasRawBytes(path)) return path;
  const bytes = pathBytes(path);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
