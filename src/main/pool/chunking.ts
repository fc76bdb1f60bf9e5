/** How map-style work is cut into tasks, as Python's Pool does it. */

/** Python's default: ceil(n / (4 × workers)), at least 1. */
export function defaultChunksize(items: number, workers: number): number {
  return Math.max(1, Math.ceil(items / (4 * Math.max(1, workers))));
}

export function checkChunksize(chunksize: number | undefined): void {
  if (chunksize === undefined) return;
  if (!Number.isInteger(chunksize) || chunksize < 1) {
    throw new RangeError(`chunksize must be a whole number of at least 1, got ${chunksize}`);
  }
}
