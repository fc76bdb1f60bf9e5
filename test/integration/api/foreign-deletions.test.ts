/**
 * `procpool jobs delete ID` in a terminal while the app (or `procpool serve`) runs on the same
 * database: the app hears of it ('jobsDeleted') and drops the row, as it does for a deletion
 * of its own, which it hears of once.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvents, CoreService, EventName } from '../../../src/shared/api.js';
import { createCoreService } from '../../../src/main/api/create-core-service.js';
import { openContext, type CliContext } from '../../../src/main/cli/cli-context.js';
import { removeTree, scratch } from '../../fixtures/jobs-tree.js';

let root: string;
let service: CoreService | undefined;
let terminal: CliContext | undefined;
beforeEach(() => {
  root = scratch('procpool-foreign-deletions-');
});
afterEach(async () => {
  await terminal?.close();
  await service?.close();
  terminal = service = undefined;
  removeTree(root);
});

/** Resolves with the first payload of `event` that `match` accepts. */
function next<E extends EventName>(api: CoreService, event: E, match: (payload: ApiEvents[E]) => boolean, timeoutMs = 10_000): Promise<ApiEvents[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching '${event}' event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = api.on(event, (payload) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

/** A job that ran and ended in the terminal's process, as `procpool map` leaves one. */
function finishedJob(context: CliContext, name: string): number {
  const spec = JSON.stringify({ kind: 'compute', name, task: { builtin: 'primes' }, inputs: { type: 'range', start: 0, end: 3 } });
  return context.store.transaction(() => {
    const id = context.jobs.repo.insert({ kind: 'compute', name, spec, ownerPid: process.pid, ownerStart: '' });
    context.jobs.repo.patch(id, { status: 'done', startedAt: Date.now(), finishedAt: Date.now() });
    return id;
  });
}

describe('jobs deleted by another process', () => {
  it("reach the app as 'jobsDeleted'; its own deletions reach it once", async () => {
    const dbPath = join(root, 'state.db');
    const api = (service = await createCoreService({ dbPath, processes: 1 }));
    const deletions: number[][] = [];
    api.on('jobsDeleted', (ids) => deletions.push(ids));
    terminal = openContext(dbPath);
    const [ours, theirs] = [finishedJob(terminal, 'ours'), finishedJob(terminal, 'theirs')];
    // The app shows both, as it shows any job a terminal ran.
    await next(api, 'jobs', (jobs) => jobs.some((job) => job.id === theirs));

    await api.deleteJob(ours);
    const heard = next(api, 'jobsDeleted', (ids) => ids.includes(theirs));
    await terminal.jobs.delete(theirs);
    await heard;
    expect(deletions).toEqual([[ours], [theirs]]);
    expect((await api.listJobs({})).map((job) => job.id)).toEqual([]);
  });
});
