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
  const { startServer } = await import('../dist/main/server/index.js');
  const api = await loadApi();
  if (!api) {
    console.error('Procpool: the core service (src/main/api) is not in this build, so there is nothing to serve yet.');
    process.exit(1);
  }
  const service = await api.createCoreService({ dbPath: process.env.PROCPOOL_DB || api.defaultDbPath() });
  const server = await startServer({ service, ...(process.env.PORT && { port: Number(process.env.PORT) }) });
  console.log(server.url);
  if (!openBrowser(server.url)) console.log('No browser to open here: open the URL above in one on this machine.');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nProcpool: stopping; running jobs are paused and resume next time.');
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

function openBrowser(url) {
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  if (!hasDisplay || (process.platform === 'linux' && spawnSync('which', [command]).status !== 0)) return false;
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => console.log(`Could not run ${command}: open the URL above yourself.`));
  child.unref();
  return true;
}
