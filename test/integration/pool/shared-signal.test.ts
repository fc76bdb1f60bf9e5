import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { AbortError, Pool } from '../../../src/main/index.js';
import { tasks } from '../../helpers.js';

let pool: Pool | undefined;
afterEach(async () => {
  await pool?.terminate();
  pool = undefined;
});

/** Warnings Node emits while `run` runs (they are emitted a tick after the cause). */
async function warningsDuring(run: () => Promise<unknown>): Promise<Error[]> {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on('warning', onWarning);
  try {
    await run();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', onWarning);
  }
  return warnings;
}

describe('tasks that share one AbortSignal', () => {
  // A copy job keeps two tasks per worker in flight, all with the job's signal: with
  // `--processes 64`, 128 of them, which printed MaxListenersExceededWarning.
  it('128 in flight add one listener to it, not one each, so Node warns of no leak', async () => {
    pool = new Pool({ processes: 2, module: tasks });
    const { signal } = new AbortController();
    let most = 0;
    const warnings = await warningsDuring(() => {
      const all = Array.from({ length: 128 }, (_, i) => pool!.apply('square', [i], undefined, { signal }));
      most = getEventListeners(signal, 'abort').length;
      return Promise.all(all);
    });
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    expect(most).toBe(1);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('aborting it still cancels every one of them', async () => {
    pool = new Pool({ processes: 2, module: tasks });
    const controller = new AbortController();
    const all = Array.from({ length: 128 }, () => pool!.apply('waitForAbort', [], undefined, { signal: controller.signal }));
    controller.abort();
    const outcomes = await Promise.allSettled(all);
    expect(outcomes.every((o) => o.status === 'rejected' && o.reason instanceof AbortError)).toBe(true);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(await pool.apply('square', [3])).toBe(9);
  });
});
