/**
 * The CoreService the end-to-end tests drive: the real one (src/main/api) on a fresh
 * database when this tree has it, else the test service of test/fixtures (a real pool and
 * real copies, jobs in memory).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CoreService } from '../../src/shared/api.js';
import { createFakeCoreService } from '../fixtures/fake-core-service.js';

type Create = (options: { dbPath: string; processes?: number }) => Promise<CoreService>;

const api = fileURLToPath(new URL('../../src/main/api/', import.meta.url));

async function realCreate(): Promise<Create | undefined> {
  for (const file of ['index.ts', 'create-core-service.ts']) {
    if (!existsSync(join(api, file))) continue;
    const module = (await import(/* @vite-ignore */ join(api, file))) as { createCoreService?: Create };
    if (module.createCoreService) return module.createCoreService;
  }
  return undefined;
}

export async function serviceUnderTest(dir: string, processes: number): Promise<{ service: CoreService; real: boolean }> {
  const create = await realCreate();
  if (create) return { service: await create({ dbPath: join(dir, 'state.db'), processes }), real: true };
  return { service: await createFakeCoreService({ processes }), real: false };
}
