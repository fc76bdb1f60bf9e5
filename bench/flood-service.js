// A CoreService that floods: 2,000 running jobs, and every 10 ms a hundred of them change
// (10,000 job updates a second) plus a fresh 16-worker snapshot (100 a second). No processes:
// what is measured is the UI under the event stream, not the pool.
export function floodService({ jobs = 2000, updatesPerSecond = 10_000, tickMs = 10 } = {}) {
  const listeners = new Map();
  const emit = (event, payload) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const all = Array.from({ length: jobs }, (_, i) => ({
    id: i + 1,
    name: `Copy batch ${i + 1}`,
    kind: 'copy',
    status: 'running',
    spec: { kind: 'copy', source: `/data/in/${i + 1}`, destination: `/backup/${i + 1}`, onConflict: 'fail', verify: false },
    createdAt: Date.now() - i * 1000,
    startedAt: Date.now() - i * 1000,
    itemsTotal: 1_000_000,
    itemsDone: 0,
    itemsFailed: 0,
    itemsSkipped: 0,
    bytesTotal: 1e12,
    bytesDone: 0,
    rate: 50e6,
    etaMs: 3_600_000,
  }));
  const started = Date.now();
  const worker = (i) => ({ pid: 100_000 + i, name: `PoolWorker-${i + 1}`, state: 'busy', jobId: (i % jobs) + 1, item: `file-${i}.bin`, itemDone: 0, itemTotal: 100, cpuPercent: 0, rssBytes: 80e6, startedAt: started, tasksDone: 0 });
  const workers = Array.from({ length: 16 }, (_, i) => worker(i));
  let cursor = 0;
  let sent = 0;
  const timer = setInterval(() => {
    const changed = [];
    // As many as the rate asks for by now, so a late timer does not lower the rate.
    const due = Math.round((updatesPerSecond * (Date.now() - started)) / 1000) - sent;
    for (let k = 0; k < Math.min(due, all.length); k++) {
      const job = all[cursor];
      cursor = (cursor + 1) % all.length;
      job.itemsDone = Math.min(job.itemsTotal, job.itemsDone + 7);
      job.bytesDone = Math.min(job.bytesTotal, job.bytesDone + 7e6);
      changed.push({ ...job });
    }
    sent += changed.length;
    emit('jobs', changed);
    for (const w of workers) {
      w.cpuPercent = 50 + Math.random() * 50;
      w.tasksDone++;
      w.itemDone = (w.itemDone + 3) % 100;
    }
    emit('workers', { pool: { size: workers.length, cpuPercent: workers.reduce((a, w) => a + w.cpuPercent, 0), rssBytes: workers.length * 80e6 }, workers: workers.map((w) => ({ ...w })) });
  }, tickMs);

  const settings = { poolSize: 16, maxTasksPerWorker: null, retries: 0, taskTimeoutMs: null, workerNice: 0, defaultConflict: 'fail', databasePath: '(flood)' };
  const job = (id) => all.find((j) => j.id === id);
  return {
    get sent() {
      return sent;
    },
    listJobs: async () => all.map((j) => ({ ...j })),
    getJob: async (id) => ({ ...job(id), failures: [] }),
    validateJob: async () => ({ ok: true }),
    submitJob: async () => ({ ...all[0] }),
    cancelJob: async (id) => ({ ...job(id) }),
    pauseJob: async (id) => ({ ...job(id) }),
    resumeJob: async (id) => ({ ...job(id) }),
    retryFailed: async (id) => ({ ...job(id) }),
    revealDestination: async () => ({ path: '/backup' }),
    listWorkers: async () => ({ pool: { size: 16, cpuPercent: 0, rssBytes: 0 }, workers: workers.map((w) => ({ ...w })) }),
    terminateWorker: async () => undefined,
    killWorker: async () => undefined,
    getSettings: async () => settings,
    updateSettings: async (patch) => ({ ...settings, ...patch }),
    sharedState: async () => [],
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    async close() {
      clearInterval(timer);
    },
  };
}
