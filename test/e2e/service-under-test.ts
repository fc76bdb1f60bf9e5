/**
 * The CoreService the end-to-end tests drive: the real one (src/main/api) on a fresh
 * database when this tree has it, else the test service of test/fixtures (a real pool and
 * real copies, jobs in memory).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CoreService } from '../../src/shared/api.js';
import { createFakeCoreService } from '../fixtures/fake-core-service.js';
import { openApp, type Harness } from './app-harness.js';

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

export interface AppUnderTest {
  app: Harness;
  service: CoreService;
  real: boolean;
  /** A fresh folder for the test's files, removed by close(). */
  scratch: string;
  close(): Promise<void>;
}

/** The app in Chromium on a service of its own with 2 workers, in a fresh scratch folder. */
export async function openAppUnderTest(prefix: string): Promise<AppUnderTest> {
  const scratch = mkdtempSync(join(tmpdir(), prefix));
  const { service, real } = await serviceUnderTest(scratch, 2);
  const app = await openApp(service);
  return {
    app,
    service,
    real,
    scratch,
    async close() {
      await app.close();
      await service.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
