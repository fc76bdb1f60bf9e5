/**
 * The reader of our output went away (`procpool map … | head`, a closed terminal): writing
 * fails with EPIPE, which Node raises as an unhandled 'error' event, a crash with a stack
 * trace that leaves the job marked running. Instead the command is told, once, so a running
 * job is paused (Interrupted, resumable) as on Ctrl-C, and later writes go nowhere quietly.
 */

const listeners = new Set<() => void>();
let closed = false;
const watched = new WeakSet<NodeJS.WritableStream>();

/** Watches stdout and stderr for the rest of the process (main() calls it; again is harmless). */
export function watchOutput(streams: NodeJS.WritableStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    if (watched.has(stream)) continue;
    watched.add(stream);
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      if (closed) return;
      closed = true;
      for (const listener of listeners) listener();
    });
  }
}

/** Calls `listener` when the output is closed; returns the function that stops listening. */
export function onOutputClosed(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function outputClosed(): boolean {
  return closed;
}
