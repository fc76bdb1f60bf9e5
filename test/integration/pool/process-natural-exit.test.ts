import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Process, Queue } from '../../../src/main/index.js';
import { programs, runProgram } from '../../helpers.js';

const sleepers = new URL('../../fixtures/programs/sleeper-tasks.ts', import.meta.url).pathname;
const task = (name: string) => ({ module: sleepers, name });

describe('a Process ends when its work is done, as a Node program does', () => {
  it('a timer the target started runs after the target returns; exitcode 0', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'procpool-natural-exit-')), 'later.txt');
    const p = new Process({ target: task('writeLater'), args: [path] });
    p.start();
    await p.join();
    expect(existsSync(path)).toBe(true);
    expect(p.exitcode).toBe(0);
  });

  it('an error such a timer throws is uncaught: printed, and exitcode 1', async () => {
    const { code, stdout, stderr } = await runProgram(programs('throws-later.ts'));
    expect(code).toBe(0);
    expect(stdout).toContain('exitcode 1');
    expect(stderr).toContain('RangeError: thrown by a timer after the target returned');
  });

  it("a timer's call to a shared object after the target returned gets its answer", async () => {
    const question = new Queue<string>();
    const answer = new Queue<string>();
    const p = new Process({ target: task('answerLater'), args: [question, answer] });
    p.start();
    await question.put('late');
    await p.join();
    expect(p.exitcode).toBe(0);
    expect(await answer.get({ timeout: 2000 })).toBe('answered late');
  });
});
