/**
 * Where the built-in worker tasks are. Main may not import worker code (the layering rule),
 * so tasks are named by module path: the compiled .js beside this file in dist/, or the .ts
 * sources when running through tsx (tests, development), as spawn-worker.ts does.
 */
import { fileURLToPath } from 'node:url';

const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';

export function workerTask(file: string, name: string): { module: string; name: string } {
  return { module: fileURLToPath(new URL(`../../workers/tasks/${file}.${extension}`, import.meta.url)), name };
}

/** The tasks jobs run; a test may swap one for a fixture (a task that hangs, one that corrupts). */
export interface JobTasks {
  scanTree: { module: string; name: string };
  copyFiles: { module: string; name: string };
  makeDir: { module: string; name: string };
  finishDirs: { module: string; name: string };
  mapItems: { module: string; name: string };
  probeExport: { module: string; name: string };
  moduleVersion: { module: string; name: string };
  hashFile: { module: string; name: string };
  countPrimes: { module: string; name: string };
}

export function defaultTasks(): JobTasks {
  return {
    scanTree: workerTask('scan-tree', 'scanTree'),
    copyFiles: workerTask('copy-files', 'copyFiles'),
    makeDir: workerTask('make-dirs', 'makeDir'),
    finishDirs: workerTask('make-dirs', 'finishDirs'),
    mapItems: workerTask('map-items', 'mapItems'),
    probeExport: workerTask('map-items', 'probeExport'),
    moduleVersion: workerTask('map-items', 'moduleVersionOf'),
    hashFile: workerTask('hash-file', 'hashFile'),
    countPrimes: workerTask('count-primes', 'countPrimes'),
  };
}
