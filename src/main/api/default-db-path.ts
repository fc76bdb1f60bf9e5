/**
 * Where the state database lives unless told otherwise (CONTRACT.md, "Command line"): the
 * platform's user data folder, `~/.local/share/procpool/state.db` on Linux ($XDG_DATA_HOME
 * when set); the environment variable PROCPOOL_DB overrides it, and `--db PATH` overrides both.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.PROCPOOL_DB) return env.PROCPOOL_DB;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'procpool', 'state.db');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'procpool', 'state.db');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'procpool', 'state.db');
}
