import { afterEach, describe, expect, it } from 'vitest';
import { beginTask, endTask, workerContext } from '../../../src/workers/context.js';
import { mapItems } from '../../../src/workers/tasks/map-items.js';
import type { WorkerMessage } from '../../../src/shared/worker-protocol.js';

const module = new URL('../../fixtures/progress-items.mjs', import.meta.url).pathname;

afterEach(() => {
  endTask();
  workerContext().send = () => {};
});

describe("a compute job's progress stays in items", () => {
  it("turns the progress an item's own code reports, in its own units, into a share of that item", async () => {
    const sent: Array<{ done: number; total?: number }> = [];
    workerContext().send = (message: WorkerMessage) => {
      if (message.t === 'progress') sent.push({ done: message.done, ...(message.total !== undefined && { total: message.total }) });
    };
    beginTask(41);
    const outcomes = await mapItems({ module, name: 'halfwayThenDone' }, [1000, 2000]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true]);
    // Every report is in items of the chunk: never 500 or 2000 of the items' own units.
    expect(sent.length).toBeGreaterThan(0);
    for (const { done, total } of sent) {
      expect(total).toBe(2);
      expect(done).toBeLessThanOrEqual(2);
    }
    expect(sent.at(-1)).toEqual({ done: 2, total: 2 });
  });
});
