import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Pool, type PoolEvents } from '../../../src/main/index.js';
import { pidAlive, programs, runProgram, tasks, until } from '../../helpers.js';

let pool: Pool | undefined;
afterEach(async () => {
  await pool?.terminate();
  pool = undefined;
});

describe('Watching and controlling workers', () => {
  it('workers() lists pid, name, state, current task, tasks done and start time', async () => {
    const before = Date.now();
    pool = new Pool({ processes: 2, module: tasks });
    expect(pool.processes).toBe(2);
    const initial = pool.workers();
    expect(initial).toHaveLength(2);
    for (const w of initial) {
      expect(w.pid).toBeGreaterThan(0);
      expect(w.name).toMatch(/^PoolWorker-\d+$/);
      expect(['starting', 'idle']).toContain(w.state);
      expect(w.startedAt).toBeGreaterThanOrEqual(before);
    }
    const running = pool.apply('sleep', [500]);
    await until(() => pool!.workers().some((w) => w.state === 'busy'));
    const busy = pool.workers().find((w) => w.state === 'busy')!;
    expect(busy.taskId).toBeTypeOf('number');
    await running;
    await until(() => pool!.workers().every((w) => w.state === 'idle'));
    expect(pool.workers().reduce((n, w) => n + w.tasksDone, 0)).toBe(1);
  });

  it('sends no work to a worker still starting while another is ready, so nothing waits out its start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'procpool-dispatch-'));
    try {
      pool = new Pool({ processes: 2, module: tasks, initializer: 'initSlowUnlessFirst', initargs: [join(dir, 'first'), 3000] });
      await until(() => pool!.workers().some((w) => w.state === 'idle'));
      const ready = pool.workers().find((w) => w.state === 'idle')!.pid;
      const started = Date.now();
      const pids = await Promise.all(Array.from({ length: 8 }, () => pool!.apply('pid', [])));
      expect(Date.now() - started).toBeLessThan(2000);
      expect(new Set(pids)).toEqual(new Set([ready]));
      expect(pool.workers().some((w) => w.state === 'starting')).toBe(true);
    } finally {
      // The slow worker's initializer may yet make its flag folder: it must be gone first.
      await pool?.terminate();
      pool = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("imports the pool's module in each worker before its first task", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'procpool-preload-'));
    const marks = join(dir, 'marks');
    process.env.PROCPOOL_TEST_IMPORT_MARKS = marks;
    try {
      pool = new Pool({ processes: 2, module: fileURLToPath(new URL('../../fixtures/import-marker.ts', import.meta.url)) });
      await until(() => pool!.workers().every((w) => w.state === 'idle'));
      const pids = readFileSync(marks, 'utf8').trim().split('\n').map(Number).sort((a, b) => a - b);
      expect(pids).toEqual(pool.workers().map((w) => w.pid).sort((a, b) => a - b));
    } finally {
      delete process.env.PROCPOOL_TEST_IMPORT_MARKS;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('emits worker:start, task:start, progress, task:end and worker:exit with pid and task id', async () => {
    pool = new Pool({ processes: 1, module: tasks });
    const events: Array<{ event: keyof PoolEvents; payload: unknown }> = [];
    for (const event of ['worker:start', 'worker:exit', 'task:start', 'task:end', 'progress'] as const) {
      pool.on(event, (payload) => events.push({ event, payload }));
    }
    expect(await pool.apply('count', [5], undefined, { tag: 'job-1' })).toBe(5);
    const start = events.find((e) => e.event === 'task:start')!.payload as PoolEvents['task:start'];
    const end = events.find((e) => e.event === 'task:end')!.payload as PoolEvents['task:end'];
    const progress = events.filter((e) => e.event === 'progress').map((e) => e.payload as PoolEvents['progress']);
    const [worker] = pool.workers();
    expect(start).toEqual({ taskId: end.taskId, pid: worker!.pid, tag: 'job-1' });
    expect(end).toMatchObject({ ok: true, pid: worker!.pid, tag: 'job-1' });
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.at(-1)).toEqual({ taskId: start.taskId, pid: worker!.pid, done: 5, total: 5, note: 'step 5', tag: 'job-1' });
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.done).toBeGreaterThanOrEqual(progress[i - 1]!.done);
    await pool.killWorker(worker!.pid);
    await until(() => events.filter((e) => e.event === 'worker:start').length === 1);
    const exit = events.find((e) => e.event === 'worker:exit')!.payload as PoolEvents['worker:exit'];
    expect(exit).toEqual({ pid: worker!.pid, name: worker!.name, exitcode: -9, signal: 'SIGKILL' });
  });

  it('progress from a task that never yields reaches the parent while it runs', async () => {
    pool = new Pool({ processes: 1, module: tasks });
    const arrivals: number[] = [];
    pool.on('progress', () => arrivals.push(Date.now()));
    await pool.apply('spinWithProgress', [800]);
    const finished = Date.now();
    expect(arrivals.length).toBeGreaterThanOrEqual(5);
    // Not all at the end: the first arrived while the loop still had most of its way to go.
    expect(finished - arrivals[0]!).toBeGreaterThan(400);
  });

  it('a failed task says so in task:end', async () => {
    pool = new Pool({ processes: 1, module: tasks });
    const ends: Array<PoolEvents['task:end']> = [];
    pool.on('task:end', (e) => ends.push(e));
    await pool.apply('fail', ['broken']).catch(() => {});
    expect(ends[0]).toMatchObject({ ok: false, error: 'RangeError: broken' });
  });

  it('currentProcess() inside a task names the worker', async () => {
    pool = new Pool({ processes: 2, module: tasks });
    const who = await pool.apply<{ pid: number; name: string }>('whoAmI');
    const listed = pool.workers().find((w) => w.pid === who.pid);
    expect(listed?.name).toBe(who.name);
  });

  it('resize grows and shrinks the pool while it runs', async () => {
    pool = new Pool({ processes: 1, module: tasks });
    await pool.resize(3);
    expect(pool.workers().filter((w) => w.state !== 'exiting')).toHaveLength(3);
    expect(pool.workers().every((w) => w.state === 'idle' || w.state === 'exiting')).toBe(true);
    const pids = await pool.map('pidAfter', [200, 200, 200], { chunksize: 1 });
    expect(new Set(pids.map((p) => (p as { pid: number }).pid)).size).toBe(3);
    const before = pool.workers().map((w) => w.pid);
    const busy = pool.apply('sleep', [300]);
    await pool.resize(1);
    await until(() => pool!.workers().length === 1, 5000, 'two workers to leave');
    expect(pool.processes).toBe(1);
    expect(await busy).toBe(300); // a busy worker finishes its task before it leaves
    for (const pid of before.filter((p) => p !== pool!.workers()[0]!.pid)) await until(() => !pidAlive(pid));
    await expect(pool.resize(0)).rejects.toThrow(/at least 1/);
  });

  it('awaiting a daemon (join, a get it answers) or a resize keeps the script alive until it is done, as in Python', async () => {
    const { code, stdout } = await runProgram(programs('awaits-daemons.ts'));
    expect(stdout).toContain('joined the daemon, exitcode 0');
    expect(stdout).toContain('got from the daemon a');
    expect(stdout).toContain('resized to 3');
    expect(code).toBe(0);
  });

  it('an idle pool never keeps a script alive', async () => {
    const { code, stdout } = await runProgram(programs('idle-pool-exit.ts'));
    expect(code).toBe(0);
    expect(stdout).toContain('[ 1, 4, 9 ]');
  });
});
