/**
 * Paths in the ledger that hold bytes that are not UTF-8 (src/shared/path-bytes.ts): their
 * text columns get the readable form ('\xff'), which failures and summaries show, and the
 * row's `raw_paths` the exact ones as JSON (migration 004), which rows read back are given
 * again. Every other row stores and reads its paths as they are.
 */
import { hasRawBytes, showPath } from '../../shared/path-bytes.js';

export interface PathColumns {
  path: string;
  dest: string | null;
  link: string | null;
}

/** What the columns hold, and `raw` (NULL unless a path has bytes that are not UTF-8). */
export function storedPaths({ path, dest, link }: PathColumns): PathColumns & { raw: string | null } {
  const exact: Partial<PathColumns> = {};
  if (hasRawBytes(path)) exact.path = path;
  if (dest !== null && hasRawBytes(dest)) exact.dest = dest;
  if (link !== null && hasRawBytes(link)) exact.link = link;
  if (exact.path === undefined && exact.dest === undefined && exact.link === undefined) return { path, dest, link, raw: null };
  return { path: showPath(path), dest: dest && showPath(dest), link: link && showPath(link), raw: JSON.stringify(exact) };
}

/** Rows as read (with their `raw` column): each path as it was stored, exactly. */
export function exactPaths<T extends PathColumns & { raw?: string | null }>(rows: T[]): T[] {
  for (const row of rows) if (row.raw) Object.assign(row, JSON.parse(row.raw) as Partial<PathColumns>);
  return rows;
}
