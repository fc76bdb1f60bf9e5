/** What the Manager's integration tests share: their task modules, and cleaning up after each test. */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import type { Manager, Pool } from '../../../src/main/index.js';

export const stateTasks = fileURLToPath(new URL('../../fixtures/state-tasks.ts', import.meta.url));
export const leaseTasks = fileURLToPath(new URL('../../fixtures/manager-lease-tasks.ts', import.meta.url));

/** A task reference to an export of `module`. */
export function taskIn(module: string): (name: string) => { module: string; name: string } {
  return (name) => ({ module, name });
}

export interface Opened {
  pool?: Pool;
  manager?: Manager;
  /** A temporary folder, removed with what is in it. */
  dir?: string;
}

/** What a test puts here is terminated, shut down and removed after it. */
export function closedAfterEach(): Opened {
  const opened: Opened = {};
  afterEach(async () => {
    await opened.pool?.terminate();
    await opened.manager?.shutdown();
    if (opened.dir) rmSync(opened.dir, { recursive: true, force: true });
    delete opened.pool;
    delete opened.manager;
    delete opened.dir;
  });
  return opened;
}
