/**
 * Condition.waitFor's loop, for the parent's Condition and a worker's proxy alike: the
 * predicate runs where the caller is (it cannot cross processes), each wait is the side's own.
 */
export async function waitForPredicate<T>(
  predicate: () => T | PromiseLike<T>,
  /** Waits to be notified for at most `remainingMs` (null: no limit). */
  wait: (remainingMs: number | null) => Promise<unknown>,
  timeoutMs: number | null,
): Promise<T> {
  const deadline = timeoutMs === null ? null : performance.now() + timeoutMs;
  let result = await predicate();
  while (!result) {
    const remaining = deadline === null ? null : deadline - performance.now();
    if (remaining !== null && remaining <= 0) break;
    await wait(remaining);
    result = await predicate();
  }
  return result;
}
