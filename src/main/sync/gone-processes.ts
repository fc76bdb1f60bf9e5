/**
 * Processes that have exited, remembered for a short while. A child's last messages can be
 * read after its 'exit' event (both arrive in the same turn of the event loop, in either
 * order), so a wait that arrives from a process already gone is refused rather than left to
 * hold a lock or an item nobody will receive. The memory is short because PIDs are reused.
 */
const rememberMs = 5_000;
const gone = new Map<number, number>();

export function noteExited(pid: number): void {
  const now = Date.now();
  gone.delete(pid); // re-inserted at the end, keeping the map in time order
  gone.set(pid, now);
  for (const [old, at] of gone) {
    if (now - at <= rememberMs) break; // insertion order is time order
    gone.delete(old);
  }
}

export function isGone(pid: number): boolean {
  const at = gone.get(pid);
  if (at === undefined) return false;
  if (Date.now() - at > rememberMs) {
    gone.delete(pid);
    return false;
  }
  return true;
}
