/**
 * `procpool serve [--port N] [--open]`: browser mode. The API service runs here; the HTTP
 * and WebSocket server (src/main/server) serves the app with it and prints one line, its URL
 * with the access token. Ctrl-C stops it; running jobs are paused, resumable.
 */
import { spawn } from 'node:child_process';
import type { CoreService } from '../../shared/api.js';
import { createCoreService } from '../api/create-core-service.js';
import { defaultDbPath } from '../api/default-db-path.js';
import { parseCommand, port, positiveInt } from './args.js';
import { UsageError } from './exit-codes.js';
import { help } from './help.js';

interface ServerModule {
  startServer(options: { service: CoreService; port?: number }): Promise<{ url: string; close(): Promise<void> }>;
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
  const service = await createCoreService({ dbPath: db ?? defaultDbPath(), ...(processes && { processes }) });
  let running;
  try {
    running = await server.startServer({ service, ...(listenPort !== undefined && { port: listenPort }) });
  } catch (error) {
    await service.close();
    throw error;
  }
  process.stdout.write(`${running.url}\n`);
  if (values.open) openInBrowser(running.url);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(name, () => resolve(name));
  });
  process.stderr.write(`procpool serve: stopping (${signal}); running jobs are paused and can be resumed.\n`);
  await running.close();
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

function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`procpool serve: could not open a browser (${command}); open the URL above yourself.\n`));
  child.unref();
}
