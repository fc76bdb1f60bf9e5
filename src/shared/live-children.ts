/**
 * The non-daemon processes this process started. A Process target's runtime waits for them
 * before exiting, as Python's does; Process (main/pool) adds to the set
 * so that the worker runtime can see them without importing main/.
 */
export interface JoinableChild {
  join(): Promise<void>;
}

const key = Symbol.for('procpool.liveChildren');

export function liveChildren(): Set<JoinableChild> {
  const holder = globalThis as { [key]?: Set<JoinableChild> };
  holder[key] ??= new Set();
  return holder[key];
}

export async function waitForChildren(): Promise<void> {
  while (liveChildren().size > 0) {
    await Promise.all([...liveChildren()].map((child) => child.join()));
  }
}
