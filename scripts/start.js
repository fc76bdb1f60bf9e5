// `npm start` (after the build): the desktop app when Electron's binary can be had; otherwise
// browser mode: the same app served on 127.0.0.1, opened in the system browser when there is
// one, its URL printed either way.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const electron = electronBinary({ download: true });

if (electron.path) {
  const child = spawn(electron.path, [`${root}dist/main/app/main.js`], { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  for (const name of ['SIGINT', 'SIGTERM']) process.on(name, () => child.kill(name));
} else {
  console.log(`Procpool: Electron cannot start here: ${electron.reason}.`);
  console.log('Starting browser mode instead (the same app, served on 127.0.0.1).');
  await browserMode();
}

async function browserMode() {
  const { listenServer, openInBrowser } = await import('../dist/main/server/index.js');
  const api = await loadApi();
  if (!api) {
    console.error('Procpool: the core service (src/main/api) is not in this build, so there is nothing to serve yet.');
    process.exit(1);
  }
  // The port first: a busy one is said in one line, before any state database is created.
  const server = await listenServer({ ...(process.env.PORT && { port: Number(process.env.PORT) }) }).catch((error) => {
    if (error?.name !== 'PortUnavailableError') throw error;
    console.error(`Procpool: ${error.message}`);
    process.exit(2);
  });
  const service = await api.createCoreService({ dbPath: process.env.PROCPOOL_DB || api.defaultDbPath() });
  server.serve(service);
  console.log(server.url);
  // The opener gets a private page that redirects to the URL, never the token itself.
  const removeLauncher = canOpenBrowser() ? openInBrowser(server.url, (message) => console.log(`Procpool: ${message}`)) : undefined;
  if (!removeLauncher) console.log('No browser to open here: open the URL above in one on this machine.');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nProcpool: stopping; running jobs are paused and resume next time.');
    removeLauncher?.();
    await server.close();
    await service.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function loadApi() {
  for (const [module, dbModule] of [['../dist/main/api/index.js', '../dist/main/api/index.js'], ['../dist/main/api/create-core-service.js', '../dist/main/api/default-db-path.js']]) {
    try {
      const api = await import(module);
      const db = await import(dbModule);
      if (typeof api.createCoreService === 'function' && typeof db.defaultDbPath === 'function') return { createCoreService: api.createCoreService, defaultDbPath: db.defaultDbPath };
    } catch (error) {
      if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    }
  }
  return undefined;
}

function canOpenBrowser() {
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  return hasDisplay && (process.platform !== 'linux' || spawnSync('which', ['xdg-open']).status === 0);
}
