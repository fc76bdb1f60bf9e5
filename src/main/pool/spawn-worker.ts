/**
 * The one place a worker process is started. Under Node it is `child_process.fork` of the
 * worker runtime; under Electron the same fork with ELECTRON_RUN_AS_NODE, which keeps PIDs,
 * signals and exit codes exact. Run from the TypeScript sources (tests, development), the
 * runtime is loaded through tsx.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export interface SpawnWorkerOptions {
  name: string;
  /** Marks the child as a daemon: it may not start processes of its own. */
  daemon: boolean;
}

const fromSources = import.meta.url.endsWith('.ts');

function runtimeEntry(): { path: string; execArgv: string[] } {
  const extension = fromSources ? 'ts' : 'js';
  const path = fileURLToPath(new URL(`../../workers/runtime.${extension}`, import.meta.url));
  if (!fromSources) return { path, execArgv: [] };
  const tsx = createRequire(import.meta.url).resolve('tsx');
  return { path, execArgv: ['--import', tsx] };
}

export function spawnWorker(options: SpawnWorkerOptions): ChildProcess {
  const { path, execArgv } = runtimeEntry();
  const env: NodeJS.ProcessEnv = { ...process.env, PROCPOOL_DAEMON: options.daemon ? '1' : '0' };
  if (process.versions.electron) env.ELECTRON_RUN_AS_NODE = '1';
  return fork(path, [], {
    execArgv,
    env,
    serialization: 'advanced',
    // stdin from /dev/null as in Python; output shared with the parent so prints show.
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // Its own process group: terminating a worker also ends whatever the worker started.
    detached: true,
  });
}

/** This process was started as a daemon, so it may not start processes of its own. */
export function isDaemonProcess(): boolean {
  return process.env.PROCPOOL_DAEMON === '1';
}
