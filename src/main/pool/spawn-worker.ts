/**
 * The one place a worker process is started: Node (or Electron with ELECTRON_RUN_AS_NODE,
 * which keeps PIDs, signals and exit codes exact) running the worker runtime, with an IPC
 * channel. Built, the runtime is one bundled file (`npm run build:worker`): loading its 30-odd
 * modules one by one took about 20 ms of a worker's ~100 ms start here, a bundle next to
 * nothing. Run from the TypeScript sources (tests, development), it is loaded through tsx.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { getSystemErrorMap } from 'node:util';

export interface SpawnWorkerOptions {
  name: string;
  /** Marks the child as a daemon: it may not start processes of its own. */
  daemon: boolean;
}

const fromSources = import.meta.url.endsWith('.ts');

const workersFolder = new URL('../../workers/', import.meta.url);

function runtimeEntry(): { path: string; execArgv: string[] } {
  if (fromSources) {
    const tsx = createRequire(import.meta.url).resolve('tsx');
    return { path: fileURLToPath(new URL('runtime.ts', workersFolder)), execArgv: ['--import', tsx] };
  }
  const bundle = fileURLToPath(new URL('runtime.bundle.js', workersFolder));
  // Compiled but not bundled (a bare `tsc`): the modules one by one work as well, only slower.
  return { path: existsSync(bundle) ? bundle : fileURLToPath(new URL('runtime.js', workersFolder)), execArgv: [] };
}

/**
 * On Linux, util-linux's setpriv asks the kernel to SIGKILL the worker the moment its parent
 * dies (PR_SET_PDEATHSIG), which needs no CPU from the worker, however loaded the machine;
 * the worker alone, so the worker leaves a tiny shell in its group to end the rest
 * (workers/group-reaper.ts). Elsewhere, or with PROCPOOL_PARENT_DEATH=watchdog in the
 * parent's environment, the worker runs a watchdog thread of its own (workers/parent-watchdog.ts).
 */
function findSetpriv(): string | undefined {
  if (process.platform !== 'linux' || process.env.PROCPOOL_PARENT_DEATH === 'watchdog') return undefined;
  return existsSync('/usr/bin/setpriv') ? '/usr/bin/setpriv' : undefined;
}

export function spawnWorker(options: SpawnWorkerOptions): ChildProcess {
  const { path, execArgv } = runtimeEntry();
  const setpriv = findSetpriv();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PROCPOOL_DAEMON: options.daemon ? '1' : '0',
    PROCPOOL_PARENT_PID: String(process.pid),
    PROCPOOL_PARENT_DEATH: setpriv ? 'kernel' : 'watchdog',
  };
  if (process.versions.electron) env.ELECTRON_RUN_AS_NODE = '1';
  const spawnOptions = {
    env,
    serialization: 'advanced' as const,
    // stdin from /dev/null as in Python; output shared with the parent so prints show.
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'] as Array<'ignore' | 'inherit' | 'ipc'>,
    // Its own process group: terminating a worker also ends whatever the worker started.
    detached: true,
  };
  if (!setpriv) return fork(path, [], { ...spawnOptions, execArgv });
  return spawn(setpriv, ['--pdeathsig', 'SIGKILL', process.execPath, ...execArgv, path], spawnOptions);
}

/**
 * spawnWorker, or why it failed. Node gives a child it could not start no PID and emits the
 * error a moment later (EMFILE under a low `ulimit -n`, EAGAIN under `ulimit -u`); other
 * errors it throws at once.
 */
export function trySpawnWorker(options: SpawnWorkerOptions): ChildProcess | Promise<Error> {
  let child: ChildProcess;
  try {
    child = spawnWorker(options);
  } catch (error) {
    return Promise.resolve(error as Error);
  }
  if (child.pid !== undefined) return child;
  return new Promise((resolve) => child.on('error', resolve));
}

/** A failed start as a person reads it: 'spawn failed: EMFILE: too many open files'. */
export function describeSpawnFailure(error: Error): string {
  const { errno, code } = error as NodeJS.ErrnoException;
  const known = errno === undefined ? undefined : getSystemErrorMap().get(errno);
  if (known) return `spawn failed: ${known[0]}: ${known[1]}`;
  return `spawn failed: ${code ? `${code}: ` : ''}${error.message}`;
}

/** This process was started as a daemon, so it may not start processes of its own. */
export function isDaemonProcess(): boolean {
  return process.env.PROCPOOL_DAEMON === '1';
}
