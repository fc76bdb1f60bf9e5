// The worker side of bench/manager.js: increments of one manager dict key under a manager lock.
export async function increment(d, lock, n) {
  for (let i = 0; i < n; i++) {
    await lock.acquire();
    try {
      await d.set('counter', (await d.get('counter')) + 1);
    } finally {
      await lock.release();
    }
  }
  return n;
}

/** Warm-up: the worker is up and has met both proxies once. */
export async function ready(d, lock) {
  await lock.acquire();
  await d.get('counter');
  await lock.release();
  return process.pid;
}
