import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { pidAlive, programs, startProgram, until } from '../../helpers.js';

const sleepers: number[] = [];

// A failed run must not leave its sleeps behind: end those still ours (still `sleep 1000`).
afterEach(() => {
  for (const pid of sleepers.splice(0)) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8') === 'sleep\x001000\x00') process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

/**
 * Starts a parent whose pool task and Process target each leave a `sleep 1000` running,
 * SIGKILLs the parent, and times how long the sleeps outlive it.
 */
async function secondsForSleepersToEnd(env: Record<string, string>): Promise<number> {
  const parent = startProgram(programs('sleeper-parent.ts'), [], env);
  const sleeper = (who: string) => Number(new RegExp(`${who} sleeper (\\d+)\\n`).exec(parent.output())?.[1] ?? 0);
  try {
    await until(() => sleeper('pool') > 0 && sleeper('process') > 0, 15_000, 'the parent to report its sleeps');
  } finally {
    sleepers.push(...[sleeper('pool'), sleeper('process')].filter((pid) => pid > 0));
    parent.child.kill('SIGKILL');
  }
  const killedAt = Date.now();
  await until(() => sleepers.every((pid) => !pidAlive(pid)), 5000, `the sleeps ${sleepers.join(', ')} to end`);
  return (Date.now() - killedAt) / 1000;
}

// A time bound: on a loaded 2-core machine a starved run is tried again, the bound kept.
describe('what a worker started ends within 1 s of its parent being killed with SIGKILL', () => {
  it('by default (on Linux the kernel ends the worker, its group-reaper the rest)', { retry: 2 }, async () => {
    expect(await secondsForSleepersToEnd({})).toBeLessThanOrEqual(1);
  });

  it('with PROCPOOL_PARENT_DEATH=watchdog', { retry: 2 }, async () => {
    expect(await secondsForSleepersToEnd({ PROCPOOL_PARENT_DEATH: 'watchdog' })).toBeLessThanOrEqual(1);
  });
});
