// `npm run bench`: every benchmark in bench/, each printing JSON lines beside its peer.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const benches = ['pool.js', 'imap_memory.js', 'sync.js', 'manager.js', 'copy.js', 'jobs_overhead.js', 'ui.js'];
for (const name of benches) {
  const path = fileURLToPath(new URL(name, import.meta.url));
  if (!existsSync(path)) continue;
  console.error(`# ${name}`);
  execFileSync(process.execPath, [path], { stdio: 'inherit' });
}
