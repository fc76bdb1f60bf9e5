/**
 * Whether the IPC channel to the parent keeps this process alive. It always does in a pool
 * worker, which waits for tasks. A Process whose target has returned lets go of it, so that
 * it ends, as a Node program does, when its timers and streams are done; it holds it again
 * only while a call to one of the parent's shared objects waits for its answer.
 */
let released = false;
let awaiting = 0;

/** The target has returned: from now on only the process's own work keeps it alive. */
export function releaseChannel(): void {
  released = true;
  update();
}

/** A call to the parent went out (+1) or was answered (-1). */
export function awaitReply(change: 1 | -1): void {
  awaiting += change;
  update();
}

function update(): void {
  if (!released) return;
  if (awaiting > 0) process.channel?.ref();
  else process.channel?.unref();
}
