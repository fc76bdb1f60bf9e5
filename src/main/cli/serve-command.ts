/**
 * `procpool serve [--port N] [--open]`: browser mode. The API service runs here; the HTTP
 * and WebSocket server (src/main/server) serves the app with it and prints one line, its URL
 * with the access token. Ctrl-C stops it; running jobs are paused, resumable. The port is
 * bound before the state database is opened: a busy port is bad input, and bad input
 * creates nothing.
 */
import type { CoreService } from '../../shared/api.js';
import { createCoreService } from '../api/create-core-service.js';
import { defaultDbPath } from '../api/default-db-path.js';
import { parseCommand, port, positiveInt } from './args.js';
import { ExitCode, UsageError } from './exit-codes.js';
import { help } from './help.js';

interface ServerModule {
  listenServer(options: { port?: number }): Promise<{ url: string; serve(service: CoreService): void; close(): Promise<void> }>;
  openInBrowser(url: string, onError: (message: string) => void): () => void;
}

export async function serveCommand(args: string[], db: string | undefined): Promise<number> {
  const { values, positionals } = parseCommand(args, { port: { type: 'string' }, open: { type: 'boolean' }, processes: { type: 'string' } });
  if (values.help) {
    process.stdout.write(`${help.serve}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`serve takes no arguments; unexpected '${positionals[0]}'`);
  const listenPort = port(values.port);
  const processes = positiveInt('--processes', values.processes, 256);
  const server = await loadServer();
  if (!server) {
    process.stderr.write('procpool serve: browser mode is not built yet (src/main/server is missing from this build).\n');
    return 1;
  }
  let listening;
  try {
    listening = await server.listenServer({ ...(listenPort !== undefined && { port: listenPort }) });
  } catch (error) {
    if ((error as Error).name !== 'PortUnavailableError') throw error;
    process.stderr.write(`procpool serve: ${(error as Error).message}\n`);
    return ExitCode.badInput;
  }
  let service: CoreService;
  try {
    service = await createCoreService({ dbPath: db ?? defaultDbPath(), ...(processes && { processes }) });
  } catch (error) {
    await listening.close();
    throw error;
  }
  listening.serve(service);
  process.stdout.write(`${listening.url}\n`);
  const removeLauncher = values.open ? server.openInBrowser(listening.url, (message) => process.stderr.write(`procpool serve: ${message}\n`)) : undefined;
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(name, () => resolve(name));
  });
  process.stderr.write(`procpool serve: stopping (${signal}); running jobs are paused and can be resumed.\n`);
  removeLauncher?.();
  await listening.close();
  await service.close();
  return 0;
}

/** The server module, when this build has it (it is imported by name so a build without it still runs). */
async function loadServer(): Promise<ServerModule | undefined> {
  const specifier = '../server/index.js';
  try {
    return (await import(specifier)) as ServerModule;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}
