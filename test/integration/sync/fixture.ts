/** Where the worker-side functions of these tests are, as task references. */
import { fileURLToPath } from 'node:url';

export const syncTasks = fileURLToPath(new URL('../../fixtures/sync-tasks.ts', import.meta.url));

export function task(name: string): { module: string; name: string } {
  return { module: syncTasks, name };
}
