/**
 * A worker task that stands in for the jobs layer's scanTree in tests: the real scan, run
 * with the worker's effective user switched to an unprivileged one (uid 65534) when the
 * tests run as root, for whom no permission is ever denied. A folder made unreadable with
 * chmod 000 is then unreadable to the scan, as it is to anyone but root. The switch is
 * undone once the scan ends, so the worker copies as root again. As any other user, the
 * scan simply runs: chmod 000 denies it by itself.
 *
 * Whatever the scan reads must be reachable by that user: the tests give their scratch
 * folder mode 0o755 (mkdtemp makes it 0o700).
 */
import { signal } from '../../../src/workers/index.js';
import { scanTree } from '../../../src/workers/tasks/scan-tree.js';
import type { ScanOptions, ScanResult } from '../../../src/shared/copy-types.js';

const nobody = 65534;

export async function scanTreeAsNobody(source: string, options?: ScanOptions): Promise<ScanResult> {
  if (process.geteuid?.() !== 0 || !process.seteuid || !process.setegid) return scanTree(source, options);
  process.setegid(nobody);
  process.seteuid(nobody);
  try {
    return await scanTree(source, options);
  } finally {
    process.seteuid(0);
    process.setegid(0);
  }
}

/** The same, except that listing folders again (a resumed job's rescan) never ends, until its worker is told to stop. */
export async function scanTreeHangingOnRescan(source: string, options?: ScanOptions): Promise<ScanResult> {
  if (!options?.folders) return scanTreeAsNobody(source, options);
  await new Promise((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
  });
  throw new Error('unreachable');
}
