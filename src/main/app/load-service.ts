/**
 * The CoreService of src/main/api, imported by name so the shell builds, and its pure parts
 * test, in a tree whose API layer is not built.
 */
import type { CoreService } from '../../shared/api.js';

interface ApiModule {
  createCoreService?(options: { dbPath: string }): Promise<CoreService>;
  defaultDbPath?(): string;
}

async function load(specifier: string): Promise<ApiModule> {
  try {
    return (await import(specifier)) as ApiModule;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return {};
    throw error;
  }
}

export async function loadService(dbPath?: string): Promise<CoreService> {
  const index = await load('../api/index.js');
  const create = index.createCoreService ?? (await load('../api/create-core-service.js')).createCoreService;
  const where = index.defaultDbPath ?? (await load('../api/default-db-path.js')).defaultDbPath;
  if (!create || !where) throw new Error('this build has no core service (src/main/api): rebuild with `npm run build`');
  return create({ dbPath: dbPath || where() });
}
