import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSampleTree, differences, removeTree, scratch, snapshot, tempFilesUnder } from '../../fixtures/jobs-tree.js';
import { manyFiles } from '../../fixtures/many-files.js';
import { cli, outputUntil, startCli } from './cli-runner.js';

let root: string;
let db: string;
beforeEach(() => {
  root = scratch('procpool-cli-');
  db = join(root, 'state.db');
});
afterEach(() => removeTree(root));

/** Everything under root except the state database and the source: what a command created. */
function created(): string[] {
  return readdirSync(root).filter((name) => !name.startsWith('state.db') && name !== 'src' && name !== 'file.txt');
}

describe('procpool copy', () => {
  it('copies a folder: exit 0, a summary, and a copy identical to the source (content, modes, mtimes, links, empty folders)', async () => {
    const source = join(root, 'src');
    mkdirSync(source);
    buildSampleTree(source);
    manyFiles(source, 200);
    const run = await cli(['copy', source, join(root, 'dst'), '--db', db, '--processes', '2']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Done: job 1, [\d,]+ items, [\d.]+ [kM]B copied in /m);
    expect(differences(snapshot(source), snapshot(join(root, 'dst')))).toEqual([]);
    expect(tempFilesUnder(join(root, 'dst'))).toEqual([]);
  });

  it('--json: progress objects rising to 100%, then a summary; `jobs --json` lists the job', async () => {
    const source = join(root, 'src');
    mkdirSync(source);
    manyFiles(source, 300);
    const run = await cli(['--db', db, 'copy', source, join(root, 'dst'), '--json']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; percent?: number; bytesDone: number; status: string });
    const progress = lines.filter((line) => line.type === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.bytesDone).toBeGreaterThanOrEqual(progress[i - 1]!.bytesDone);
    expect(progress.at(-1)).toMatchObject({ status: 'done', percent: 100 });
    expect(lines.at(-1)).toMatchObject({ type: 'summary', status: 'done', failures: [] });
    const listed = await cli(['jobs', '--json', '--db', db]);
    expect(listed.code).toBe(0);
    const jobs = listed.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(jobs).toEqual([
      expect.objectContaining({ id: 1, kind: 'copy', status: 'done', spec: expect.objectContaining({ source, destination: join(root, 'dst') }) as unknown, itemsTotal: 310, itemsDone: 310 }),
    ]);
  });

  it.each([
    ['a missing source', ['copy', 'missing', 'dst'], /the source .*missing.* does not exist/],
    ['a destination inside the source', ['copy', 'src', 'src/inside'], /is inside the source/],
    ['a destination that is a file', ['copy', 'src', 'file.txt'], /is a file/],
    ['an unknown conflict policy', ['copy', 'src', 'dst', '--on-conflict', 'merge'], /--on-conflict must be one of fail, skip, overwrite, rename/],
    ['a missing DST', ['copy', 'src'], /copy needs SRC DST: DST is missing/],
    ['an unknown option', ['copy', 'src', 'dst', '--fast'], /Unknown option '--fast'/],
    ['a bad --processes', ['copy', 'src', 'dst', '--processes', 'zero'], /--processes must be a whole number/],
  ])('%s: exit 2, the message on stderr, nothing created', async (_what, args, message) => {
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'a.txt'), 'a');
    writeFileSync(join(root, 'file.txt'), 'f');
    const run = await cli([...args, '--db', db], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    expect(created()).toEqual([]);
    expect(readFileSync(join(root, 'file.txt'), 'utf8')).toBe('f');
  });

  it('conflicts: fail (default) exits 2 listing them and changes nothing; skip, overwrite and rename do what they say', async () => {
    const source = join(root, 'src');
    mkdirSync(source);
    writeFileSync(join(source, 'same.txt'), 'new');
    writeFileSync(join(source, 'other.txt'), 'other');
    const destination = join(root, 'dst');
    mkdirSync(destination);
    writeFileSync(join(destination, 'same.txt'), 'old');
    const failed = await cli(['copy', source, destination, '--db', db]);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('stopped before changing anything');
    expect(failed.stderr).toContain(`same.txt: a file already exists at ${join(destination, 'same.txt')}`);
    expect(readdirSync(destination)).toEqual(['same.txt']);
    const skipped = await cli(['copy', source, destination, '--on-conflict', 'skip', '--db', db]);
    expect(skipped.code).toBe(0);
    // The skipped file's bytes are through, not copied: the summary counts only what was written.
    expect(skipped.stdout).toMatch(/^Done: job 2, 1 item, 5 B copied \(1 skipped\) in /m);
    expect(skipped.stdout).not.toContain('0/0 items');
    expect(readFileSync(join(destination, 'same.txt'), 'utf8')).toBe('old');
    expect(readFileSync(join(destination, 'other.txt'), 'utf8')).toBe('other');
    expect((await cli(['copy', source, destination, '--on-conflict', 'rename', '--db', db])).code).toBe(0);
    expect(readdirSync(destination).sort()).toEqual(['other (1).txt', 'other.txt', 'same (1).txt', 'same.txt']);
    expect((await cli(['copy', source, destination, '--on-conflict', 'overwrite', '--db', db])).code).toBe(0);
    expect(readFileSync(join(destination, 'same.txt'), 'utf8')).toBe('new');
  });

  it('--verify: a good copy passes', async () => {
    const source = join(root, 'src');
    mkdirSync(source);
    manyFiles(source, 30);
    const run = await cli(['copy', source, join(root, 'dst'), '--verify', '--db', db]);
    expect(run.code).toBe(0);
    expect(differences(snapshot(source), snapshot(join(root, 'dst')))).toEqual([]);
  });
});

describe('interrupted copies resume where they stopped', () => {
  // A test-only throttle: one entry per task and 20 ms before each, so the copy is still running when the signal comes.
  const slow = { PROCPOOL_TEST_DELAY_MS: '20' };

  async function interrupt(signal: 'SIGINT' | 'SIGKILL'): Promise<{ source: string; destination: string; code: number | null }> {
    const source = join(root, 'src');
    mkdirSync(source);
    manyFiles(source, 300);
    const destination = join(root, 'dst');
    const run = startCli(['copy', source, destination, '--json', '--db', db], { env: slow });
    await outputUntil(run, () => run.json().some((line) => Number(line.itemsDone) >= 20), '20 items copied');
    run.child.kill(signal);
    const { code } = await run.exited;
    return { source, destination, code };
  }

  async function listedStatus(): Promise<string> {
    const listed = await cli(['jobs', '--db', db]);
    expect(listed.code).toBe(0);
    return listed.stdout;
  }

  it('Ctrl-C (SIGINT): exit 130, listed Interrupted, `jobs resume` completes it without redoing finished files', async () => {
    const { source, destination, code } = await interrupt('SIGINT');
    expect(code).toBe(130);
    expect(await listedStatus()).toMatch(/^1\s+Interrupted\s+copy/m);
    const before = readdirSync(join(destination, 'folder-0')).map((name) => [name, lstatSync(join(destination, 'folder-0', name)).ino] as const);
    expect(before.length).toBeGreaterThan(0);
    const resumed = await cli(['jobs', 'resume', '1', '--db', db]);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/Done: job 1/);
    expect(differences(snapshot(source), snapshot(destination))).toEqual([]);
    expect(tempFilesUnder(destination)).toEqual([]);
    for (const [name, inode] of before) expect(lstatSync(join(destination, 'folder-0', name)).ino).toBe(inode);
    expect(await listedStatus()).toMatch(/^1\s+Done\s+copy\s+100%/m);
  });

  it('SIGKILL: found Interrupted at the next start, and `jobs resume` completes it; leftover temporary files are removed', async () => {
    const { source, destination, code } = await interrupt('SIGKILL');
    expect(code).toBe(null);
    expect(await listedStatus()).toMatch(/^1\s+Interrupted\s+copy/m);
    const jobs = (await cli(['jobs', '--json', '--db', db])).stdout;
    expect(JSON.parse(jobs)).toMatchObject({ id: 1, status: 'interrupted', message: expect.stringContaining('ended before it finished') as string });
    // What a worker killed mid-file leaves: its temporary file.
    writeFileSync(join(destination, 'folder-1', '.file-1.txt.procpool-tmp-4242-0badcafe'), 'half a file');
    const resumed = await cli(['jobs', 'resume', '1', '--db', db]);
    expect(resumed.code).toBe(0);
    expect(differences(snapshot(source), snapshot(destination))).toEqual([]);
    expect(tempFilesUnder(destination)).toEqual([]);
  });

  it('`jobs cancel` from another terminal stops a copy that is running: it ends Cancelled (exit 1), no temporary files', async () => {
    const source = join(root, 'src');
    mkdirSync(source);
    manyFiles(source, 300);
    const copy = startCli(['copy', source, join(root, 'dst'), '--json', '--db', db], { env: slow });
    await outputUntil(copy, () => copy.json().some((line) => Number(line.itemsDone) >= 10), '10 items copied');
    const cancel = await cli(['jobs', 'cancel', '1', '--db', db]);
    expect(cancel).toMatchObject({ code: 0, stdout: expect.stringContaining('Cancelled: job 1') as string });
    expect((await copy.exited).code).toBe(1);
    expect(copy.json().at(-1)).toMatchObject({ type: 'summary', status: 'cancelled' });
    expect(tempFilesUnder(join(root, 'dst'))).toEqual([]);
  });

  it('`jobs cancel` cancels an interrupted job, which then cannot be resumed (exit 2)', async () => {
    await interrupt('SIGINT');
    const cancelled = await cli(['jobs', 'cancel', '1', '--db', db]);
    expect(cancelled).toMatchObject({ code: 0, stdout: expect.stringContaining('Cancelled: job 1') as string });
    const resumed = await cli(['jobs', 'resume', '1', '--db', db]);
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toContain('was Cancelled and cannot be resumed');
    expect((await cli(['jobs', 'resume', '7', '--db', db])).stderr).toContain('there is no job 7');
  });
});

describe('a full disk', () => {
  it('a copy onto a full disk (a 1 MiB tmpfs) fails naming the problem, leaves no partial file, and resumes once there is room', async (context) => {
    const disk = join(root, 'small-disk');
    mkdirSync(disk);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', disk], { stdio: 'pipe' });
    } catch (error) {
      return context.skip(`cannot mount a small tmpfs here (${String((error as Error).message).split('\n')[0]})`);
    }
    try {
      const source = join(root, 'src');
      mkdirSync(source);
      for (let i = 0; i < 6; i++) writeFileSync(join(source, `part-${i}.bin`), Buffer.alloc(400 * 1024, i));
      const full = await cli(['copy', source, join(disk, 'copy'), '--processes', '1', '--db', db]);
      expect(full.code).toBe(1);
      expect(full.stderr).toMatch(/Failed: job 1: cannot .*no space left on the device \(ENOSPC\)\. .*resume it once that is fixed/s);
      // What was written, not what is through (the file that did not fit counts toward the bar only).
      const [, written, total] = /\n([\d.]+ [kM]?B) of ([\d.]+ MB) copied\.\n$/.exec(full.stderr) ?? [];
      expect(total).toBe('2.5 MB');
      expect(written).not.toBe(total);
      expect(tempFilesUnder(disk)).toEqual([]);
      execFileSync('mount', ['-o', 'remount,size=8m', disk]);
      const resumed = await cli(['jobs', 'resume', '1', '--db', db]);
      expect(resumed).toMatchObject({ code: 0, stdout: expect.stringContaining('Done: job 1') as string });
      expect(differences(snapshot(source), snapshot(join(disk, 'copy')))).toEqual([]);
    } finally {
      execFileSync('umount', [disk]);
    }
  });
});

describe('a destination whose file system makes no folders', () => {
  it.skipIf(!existsSync('/proc/self'))('under /proc: the job fails at once naming it (exit 1), where Node\'s recursive mkdir would spin for ever', async () => {
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'a.txt'), 'a');
    const run = await cli(['copy', join(root, 'src'), '/proc/procpool-test', '--db', db]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Failed: job 1: cannot create the folder /proc/procpool-test: the file system of /proc does not allow folders to be made in it (ENOTSUP).');
  });
});

describe('help and usage', () => {
  it('procpool --help and COMMAND --help print the usage (exit 0); no command is bad usage (exit 2)', async () => {
    const main = await cli(['--help']);
    expect(main.code).toBe(0);
    for (const command of ['copy SRC DST', 'map MODULE EXPORT', 'jobs resume ID', 'jobs cancel ID', 'serve [--port N]', '--db PATH', '130']) {
      expect(main.stdout).toContain(command);
    }
    for (const [command, words] of [
      ['copy', ['--on-conflict', 'rename', '--verify', '--json', '--processes']],
      ['map', ['--inputs', '--range START:END', '--chunksize']],
      ['jobs', ['resume ID', 'cancel ID', '--json']],
      ['serve', ['--port', '--open', 'token']],
    ] as const) {
      const run = await cli([command, '--help']);
      expect(run.code).toBe(0);
      for (const word of words) expect(run.stdout).toContain(word);
    }
    expect((await cli([])).code).toBe(2);
    const unknown = await cli(['frobnicate']);
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown command 'frobnicate'") as string });
    expect(existsSync(join(root, 'state.db'))).toBe(false);
  });
});
