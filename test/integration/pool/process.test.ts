import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Process, ProcessStateError } from '../../../src/main/index.js';
import { pidAlive, programs, runProgram, startProgram, tasks, until } from '../../helpers.js';

const task = (name: string) => ({ module: tasks, name });
const scratch = () => mkdtempSync(join(tmpdir(), 'procpool-process-'));

describe('Process, the seed programs', () => {
  it('1: a child prints while the parent prints; both run at once', async () => {
    const { code, stdout } = await runProgram(programs('two-loops.ts'));
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.filter((l) => l === '……2……')).toHaveLength(6);
    // The parent kept printing while the child printed: interleaved, not one block after the other.
    const firstTwo = lines.indexOf('……2……');
    const lastTwo = lines.lastIndexOf('……2……');
    const onesBetween = lines.slice(firstTwo, lastTwo).filter((l) => l === '……1……').length;
    expect(onesBetween).toBeGreaterThanOrEqual(2);
  });

  it("2: the child's PID differs from the parent's and the child reports its own", async () => {
    const dir = scratch();
    const p = new Process({ target: task('writeWhoAmI'), args: [join(dir, 'who.json')] });
    expect(p.pid).toBeUndefined();
    p.start();
    const pid = p.pid;
    expect(pid).toBeTypeOf('number');
    expect(pid).not.toBe(process.pid);
    await p.join();
    const who = JSON.parse(readFileSync(join(dir, 'who.json'), 'utf8'));
    expect(who.pid).toBe(pid);
    expect(who.ppid).toBe(process.pid);
    expect(who.name).toBe(p.name);
    expect(p.exitcode).toBe(0);
  });

  it('3: args and kwargs reach the target; terminate after 1 s gives exitcode -15', async () => {
    const p = new Process({ target: task('runProc'), args: ['test', 18], kwargs: { m: 20 } });
    p.start();
    await p.join(1000);
    expect(p.isAlive()).toBe(true);
    p.terminate();
    await p.join();
    expect(p.exitcode).toBe(-15);
    expect(p.isAlive()).toBe(false);
  });

  it('4: globals are not shared; a second child sees the original list', async () => {
    const dir = scratch();
    const first = new Process({ target: task('appendToGlobalAndWrite'), args: [join(dir, 'first.json')] });
    first.start();
    await first.join();
    const second = new Process({ target: task('writeGlobal'), args: [join(dir, 'second.json')] });
    second.start();
    await second.join();
    expect(JSON.parse(readFileSync(join(dir, 'first.json'), 'utf8'))).toEqual([11, 22, 0, 1, 2]);
    expect(JSON.parse(readFileSync(join(dir, 'second.json'), 'utf8'))).toEqual([11, 22]);
  });

  it('7: three processes started in a loop and joined; name, pid, isAlive before and after', async () => {
    const children = [0, 1, 2].map((i) => new Process({ target: task('sleep'), args: [100 * (i + 1)] }));
    for (const p of children) p.start();
    for (const p of children) expect(p.isAlive()).toBe(true);
    expect(new Set(children.map((p) => p.pid)).size).toBe(3);
    const names = children.map((p) => p.name);
    for (const name of names) expect(name).toMatch(/^Process-\d+$/);
    const numbers = names.map((n) => Number(n.split('-')[1]));
    expect(numbers[1]).toBe(numbers[0]! + 1);
    expect(numbers[2]).toBe(numbers[0]! + 2);
    for (const p of children) await p.join();
    for (const p of children) {
      expect(p.isAlive()).toBe(false);
      expect(p.exitcode).toBe(0);
    }
  });

  // Timed: on a machine loaded far beyond its cores the kernel may take longer to end it.
  it('8: terminate() then isAlive() 100 ms later is false', { retry: 2 }, async () => {
    const p = new Process({ target: task('sleep'), args: [10_000] });
    p.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    p.terminate();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(p.isAlive()).toBe(false);
    expect(p.exitcode).toBe(-15);
  });

  it('9: a daemon child ends when its parent exits', async () => {
    const { code, stdout } = await runProgram(programs('daemon-parent.ts'));
    expect(code).toBe(0);
    const pid = Number(/daemon (\d+)/.exec(stdout)?.[1]);
    expect(pid).toBeGreaterThan(0);
    await until(() => !pidAlive(pid), 2000, `daemon ${pid} to end`);
  });

  it('9: a daemon may not start a child of its own (ProcessStateError)', async () => {
    const p = new Process({ target: task('tryToStartChild'), args: [tasks], daemon: true });
    p.start();
    await p.join();
    expect(p.exitcode).toBe(42);
  });
});

describe('Process, the rest of the contract', () => {
  it('uses a given name', () => {
    expect(new Process({ target: task('pid'), name: 'copier' }).name).toBe('copier');
  });

  it('exits with 1 when the target throws, and prints the error', async () => {
    const { code, stderr } = await runProgram(programs('throwing-target.ts'));
    expect(code).toBe(0);
    expect(stderr).toContain('RangeError: no such thing');
    expect(stderr).toMatch(/Process Process-1 \(pid \d+\)/);
  });

  it('reports the exit code of process.exit in the target', async () => {
    const p = new Process({ target: task('exit'), args: [7] });
    p.start();
    await p.join();
    expect(p.exitcode).toBe(7);
  });

  it('kill() gives exitcode -9', async () => {
    const p = new Process({ target: task('spin'), args: [10_000] });
    p.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    p.kill();
    await p.join();
    expect(p.exitcode).toBe(-9);
  });

  it('runs an inline function as target', async () => {
    const p = new Process({ target: (code: number) => process.exit(code), args: [5] });
    p.start();
    await p.join();
    expect(p.exitcode).toBe(5);
  });

  it('join(timeout) resolves after the timeout without throwing while the child runs', async () => {
    const p = new Process({ target: task('sleep'), args: [5000] });
    p.start();
    const started = Date.now();
    await p.join(300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(p.exitcode).toBeNull();
    p.kill();
    await p.join();
  });

  it('refuses misuse with ProcessStateError', async () => {
    const p = new Process({ target: task('pid') });
    await expect(p.join()).rejects.toThrow(ProcessStateError);
    p.start();
    expect(() => p.start()).toThrow(ProcessStateError);
    expect(() => {
      p.daemon = true;
    }).toThrow(ProcessStateError);
    expect(() => p.close()).toThrow(ProcessStateError); // still running
    await p.join();
    p.close();
    expect(() => p.isAlive()).toThrow(ProcessStateError);
    expect(() => p.exitcode).toThrow(ProcessStateError);
    expect(() => p.terminate()).toThrow(ProcessStateError);
    await expect(p.join()).rejects.toThrow(ProcessStateError);
  });

  it('daemon can be set before start', () => {
    const p = new Process({ target: task('pid') });
    p.daemon = true;
    expect(p.daemon).toBe(true);
  });

  it('refuses args that are not an array, and kwargs that are not an object, when constructed', () => {
    expect(() => new Process({ target: task('echo'), args: 5 as never })).toThrow(/new Process\(\{ target, args, kwargs \}\): args must be an array of arguments, e\.g\. \[1, 2\]; got number 5/);
    expect(() => new Process({ target: task('echo'), kwargs: [1] as never })).toThrow(/kwargs must be an object of named arguments.*got an array/);
  });

  it("ignores the target's value, as Python does: one that cannot be sent does not fail the process", async () => {
    const p = new Process({ target: task('returnsFunction') });
    p.start();
    await p.join();
    expect(p.exitcode).toBe(0);
  });

  it('refuses arguments that cannot be cloned before starting anything', () => {
    const p = new Process({ target: task('echo'), args: [{ callback: () => 1 }] });
    expect(() => p.start()).toThrow(/arguments\[0\]\.callback is a function/);
    expect(p.pid).toBeUndefined();
  });

  it('waits for non-daemon children when the parent ends normally', async () => {
    const { code, stdout } = await runProgram(programs('waits-for-children.ts'));
    expect(code).toBe(0);
    expect(stdout).toContain('parent body done');
    expect(stdout).toContain('child finished');
  });

  it('terminate() also ends the processes the child started (its process group)', async () => {
    const pidFile = join(scratch(), 'grandchild.pid');
    const p = new Process({ target: task('spawnSleeper'), args: [pidFile] });
    p.start();
    await until(() => {
      try {
        return readFileSync(pidFile, 'utf8').length > 0;
      } catch {
        return false;
      }
    });
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    expect(pidAlive(grandchild)).toBe(true);
    p.terminate();
    await p.join();
    await until(() => !pidAlive(grandchild), 2000, 'the grandchild to end');
  });

  // A time bound: on a loaded 2-core machine a starved run is tried again, the bound kept.
  it('every worker exits within 1 s of its parent being killed with SIGKILL', { retry: 2 }, async () => {
    expect(await secondsForOrphansToExit({})).toBeLessThanOrEqual(1);
  });

  it('with the watchdog thread alone (no kernel help) orphans still exit', { retry: 2 }, async () => {
    expect(await secondsForOrphansToExit({ PROCPOOL_PARENT_DEATH: 'watchdog' })).toBeLessThanOrEqual(3);
  });
});

/** Starts a parent with busy workers, SIGKILLs it, and times how long its workers outlive it. */
async function secondsForOrphansToExit(env: Record<string, string>): Promise<number> {
  const parent = startProgram(programs('orphan-parent.ts'), [], env);
  await until(() => /pids [\d ]+\n/.test(parent.output()), 15_000, 'the parent to report its children');
  const pids = /pids ([\d ]+)\n/.exec(parent.output())![1]!.trim().split(' ').map(Number);
  expect(pids).toHaveLength(3);
  for (const pid of pids) expect(pidAlive(pid)).toBe(true);
  parent.child.kill('SIGKILL');
  const killedAt = Date.now();
  await until(() => pids.every((pid) => !pidAlive(pid)), 5000, 'the orphans to exit');
  return (Date.now() - killedAt) / 1000;
}
