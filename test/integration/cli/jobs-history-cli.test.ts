/**
 * A job's history on the command line: how long it took (the time it ran, not the time
 * since it first started), `procpool jobs show ID` and `procpool jobs delete ID`, and the
 * started and ended times `procpool jobs` lists. Runs `main(argv)` from the sources.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeTree, scratch } from '../../fixtures/jobs-tree.js';
import { procpool } from './in-process-cli.js';

const slowModule = fileURLToPath(new URL('../../fixtures/compute-module.mjs', import.meta.url));
const fromSources = fileURLToPath(new URL('./procpool-from-sources.ts', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx');

let root: string;
let db: string;
beforeEach(() => {
  root = scratch('procpool-history-cli-');
  db = join(root, 'state.db');
});
afterEach(() => removeTree(root));

/** A compute module whose `f` fails on 3 until it is written again with `fixed`. */
function writeModule(fixed: boolean): string {
  const path = join(root, 'tasks.mjs');
  writeFileSync(path, `export function f(x) {\n  if (x === 3 && ${String(!fixed)}) throw new RangeError('three is not welcome');\n  return x * 10;\n}\n`);
  return path;
}

/** What happens when a person comes back to a job later: its first run was `ms` earlier than it was. */
function moveBack(id: number, ms: number): void {
  const file = new Database(db);
  file.prepare('UPDATE jobs SET created_at = created_at - @ms, started_at = started_at - @ms, finished_at = finished_at - @ms WHERE id = @id').run({ id, ms });
  file.close();
}

/** '1.2s', '45s', '3m 38s' (format.ts duration) in milliseconds. */
function parseDuration(text: string): number {
  const match = /^(?:(\d+)m )?([\d.]+)s$/.exec(text);
  if (!match) throw new Error(`not a duration: ${text}`);
  return (Number(match[1] ?? 0) * 60 + Number(match[2])) * 1000;
}

describe('procpool: how long a job took', () => {
  it('is the time it ran: a job retried 3.5 minutes after its first run does not say it took 3.5 minutes', async () => {
    const inputs = join(root, 'inputs.json');
    writeFileSync(inputs, '[1, 3]');
    const first = await procpool(['map', writeModule(false), 'f', '--inputs', inputs, '--db', db, '--processes', '1']);
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('1 of 2 inputs failed (job 1)');
    moveBack(1, 210_000);
    writeModule(true);

    const resumed = await procpool(['jobs', 'resume', '1', '--db', db, '--processes', '1']);
    expect(resumed.stderr).toMatch(/^Done: job 1, 2 items in .+$/m);
    expect(resumed.code).toBe(0);
    const took = parseDuration(/ in (.+)\n/.exec(resumed.stderr)![1]!);
    expect(took).toBeLessThan(30_000);

    const shown = await procpool(['jobs', 'show', '1', '--json', '--db', db]);
    const job = JSON.parse(shown.stdout) as { ranMs: number; startedAt: number; finishedAt: number };
    expect(job.ranMs).toBe(Math.round(job.ranMs));
    expect(job.ranMs).toBeLessThan(30_000);
    // Its first start is kept: it began 3.5 minutes before it ended.
    expect(job.finishedAt - job.startedAt).toBeGreaterThan(210_000);
  });
});

describe('procpool jobs show ID', () => {
  it("prints the job's spec, counters, times and every failed item (not only the first 20); --json the same as one object", async () => {
    const inputs = join(root, 'inputs.json');
    writeFileSync(inputs, JSON.stringify([...Array.from({ length: 25 }, () => 3), 1]));
    expect((await procpool(['map', writeModule(false), 'f', '--inputs', inputs, '--db', db, '--processes', '1'])).code).toBe(1);

    const text = await procpool(['jobs', 'show', '1', '--db', db]);
    expect(text.code).toBe(0);
    expect(text.stderr).toBe('');
    expect(text.stdout).toMatch(/^Job 1: /);
    expect(text.stdout).toMatch(/^Status: +Failed/m);
    expect(text.stdout).toMatch(new RegExp(`^Task: +f from ${join(root, 'tasks.mjs').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    expect(text.stdout).toMatch(/^Items: +1 done, 25 failed, 0 skipped of 26$/m);
    expect(text.stdout).toMatch(/^Started: +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/m);
    expect(text.stdout).toMatch(/^Ended: +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/m);
    expect(text.stdout).toMatch(/^Ran for: +\S+$/m);
    expect(text.stdout).toContain('Failed items (25):');
    expect(text.stdout.match(/^ {2}\d+: RangeError: three is not welcome$/gm)).toHaveLength(25);

    const json = await procpool(['jobs', 'show', '1', '--json', '--db', db]);
    expect(json.code).toBe(0);
    const job = JSON.parse(json.stdout) as Record<string, unknown> & { failures: unknown[] };
    expect(job).toMatchObject({ id: 1, kind: 'compute', status: 'failed', itemsTotal: 26, itemsDone: 1, itemsFailed: 25, spec: { task: { name: 'f' } } });
    expect(typeof job.startedAt).toBe('number');
    expect(typeof job.finishedAt).toBe('number');
    expect(job.failures).toHaveLength(25);
    expect(json.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('says so (exit 2) for a job that is not there, and for a bad ID', async () => {
    writeFileSync(join(root, 'inputs.json'), '[1]');
    expect((await procpool(['map', writeModule(true), 'f', '--inputs', join(root, 'inputs.json'), '--db', db, '--processes', '1'])).code).toBe(0);
    const missing = await procpool(['jobs', 'show', '7', '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('there is no job 7');
    const bad = await procpool(['jobs', 'show', 'x', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('jobs show');
  });
});

describe('procpool jobs delete ID', () => {
  it('removes a finished job and its ledger; `jobs` no longer lists it; a second delete says there is no such job', async () => {
    writeFileSync(join(root, 'inputs.json'), '[1, 3]');
    expect((await procpool(['map', writeModule(false), 'f', '--inputs', join(root, 'inputs.json'), '--db', db, '--processes', '1'])).code).toBe(1);
    expect((await procpool(['map', writeModule(true), 'f', '--inputs', join(root, 'inputs.json'), '--db', db, '--processes', '1'])).code).toBe(0);

    const deleted = await procpool(['jobs', 'delete', '1', '--db', db]);
    expect(deleted).toMatchObject({ code: 0, stderr: '' });
    expect(deleted.stdout).toMatch(/^Deleted job 1 \(.+\)\.$/m);
    const listed = await procpool(['jobs', '--json', '--db', db]);
    expect(listed.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { id: number }).id)).toEqual([2]);
    const file = new Database(db, { readonly: true });
    expect(file.prepare('SELECT count(*) FROM job_items WHERE job_id = 1').pluck().get()).toBe(0);
    expect(file.prepare('SELECT count(*) FROM job_items WHERE job_id = 2').pluck().get()).toBe(2);
    file.close();
    const again = await procpool(['jobs', 'delete', '1', '--db', db]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('there is no job 1');
  });

  it('refuses a job another procpool runs (exit 2, saying what to do), and deletes it once cancelled', async () => {
    writeFileSync(join(root, 'slow.json'), '[60000]');
    // `procpool map` of an input that takes a minute, in a process of its own.
    const other = spawn(process.execPath, ['--import', tsx, fromSources, 'map', slowModule, 'sleepFor', '--inputs', join(root, 'slow.json'), '--db', db, '--processes', '1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => other.on('close', resolve));
    try {
      await untilRunning(1);
      const refused = await procpool(['jobs', 'delete', '1', '--db', db]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/job 1 is Running in another procpool process \(pid \d+\): only a job that has ended can be deleted; cancel it first \('procpool jobs cancel 1'\)/);
      expect((await procpool(['jobs', 'show', '1', '--db', db])).stdout).toMatch(/^Status: +Running/m);

      expect((await procpool(['jobs', 'cancel', '1', '--db', db])).code).toBe(0);
      expect(await exited).toBe(1);
      const deleted = await procpool(['jobs', 'delete', '1', '--db', db]);
      expect(deleted.code).toBe(0);
      expect((await procpool(['jobs', '--db', db])).stdout).toContain('No jobs yet');
    } finally {
      other.kill('SIGKILL');
    }
  });
});

describe('procpool jobs', () => {
  it('lists when each job started and ended', async () => {
    writeFileSync(join(root, 'inputs.json'), '[1]');
    expect((await procpool(['map', writeModule(true), 'f', '--inputs', join(root, 'inputs.json'), '--db', db, '--processes', '1'])).code).toBe(0);
    const listed = await procpool(['jobs', '--db', db]);
    const [header, row] = listed.stdout.split('\n');
    expect(header).toMatch(/\bSTARTED +ENDED +TOOK +NAME$/);
    expect(row).toMatch(/\b\d{4}-\d\d-\d\d \d\d:\d\d +\d\d:\d\d +\S+ +/);
  });
});

/** Polls the database (as `procpool jobs` would) until job `id` runs. */
async function untilRunning(id: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const shown = await procpool(['jobs', 'show', String(id), '--json', '--db', db]).catch(() => undefined);
    if (shown?.code === 0 && (JSON.parse(shown.stdout) as { status: string }).status === 'running') return;
    if (Date.now() > deadline) throw new Error(`job ${id} did not start running within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
