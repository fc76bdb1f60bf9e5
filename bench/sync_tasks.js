// The worker side of bench/sync.js. Each target says it is ready, waits for the parent's go,
// then runs its workload, so process start-up is not timed (neither is Python's).

/** Puts n small messages (the numbers 0..n-1), awaiting each put as a user would. */
export async function produce(q, ready, go, n) {
  await ready.put('ready');
  await go.wait();
  for (let i = 0; i < n; i++) await q.put(i);
}

/** n increments of the shared value under its own lock. */
export async function increment(counter, ready, go, n) {
  const lock = counter.getLock();
  await ready.put('ready');
  await go.wait();
  for (let i = 0; i < n; i++) {
    await lock.acquire();
    try {
      await counter.set((await counter.get()) + 1);
    } finally {
      await lock.release();
    }
  }
  await ready.put('done');
}
