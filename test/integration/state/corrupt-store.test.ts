/**
 * A state database with garbage over its pages, or a file that is no database at all: the
 * command line says which file and what to do, with exit code 2 and nothing created, and
 * Manager.start throws a StoreOpenError saying the same; never an internal error and a stack.
 */
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/main/cli/index.js';
import { Manager, StoreOpenError } from '../../../src/main/index.js';
import { openStore } from '../../../src/main/state/index.js';
import { closedAfterEach } from './fixture.js';

const opened = closedAfterEach();
let dir: string;
beforeEach(() => {
  dir = opened.dir = mkdtempSync(join(tmpdir(), 'procpool-corrupt-'));
});

/** A real state database: a Manager's named objects and every migration's tables. */
async function realDatabase(file: string): Promise<void> {
  const manager = await Manager.start({ path: file });
  await manager.dict('config').update(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, 'x'.repeat(50)])));
  await manager.list('log', ['a', 'b']).length();
  await manager.shutdown();
}

/** Writes garbage over the given pages (1 is the first). */
function garble(file: string, pages: Iterable<number>): void {
  const fd = openSync(file, 'r+');
  try {
    for (const page of pages) writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, (page - 1) * 4096);
  } finally {
    closeSync(fd);
  }
}

/** The root page of every table and index: the schema (page 1) reads fine, every query fails. */
function rootPages(file: string): number[] {
  const store = openStore(file);
  try {
    return store.db.prepare<[], number>('SELECT rootpage FROM sqlite_schema WHERE rootpage > 1').pluck().all();
  } finally {
    store.close();
  }
}

/** Runs the command line's entry function, as bin/procpool.js does, collecting what it prints. */
async function cli(args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

const damaged = {
  'garbage over the root page of every table': async (file: string) => {
    await realDatabase(file);
    garble(file, rootPages(file));
  },
  'garbage over every page but the first': async (file: string) => {
    await realDatabase(file);
    const store = openStore(file);
    const pages = store.db.pragma('page_count', { simple: true }) as number;
    store.close();
    garble(file, Array.from({ length: pages - 1 }, (_, i) => i + 2));
  },
};

describe('a damaged state database', () => {
  for (const [how, damage] of Object.entries(damaged)) {
    describe(how, () => {
      it('procpool jobs and procpool copy: which file, what to do, exit 2, nothing created', async () => {
        const file = join(dir, 'state.db');
        await damage(file);
        const jobs = await cli(['jobs', '--db', file]);
        expect(jobs.stderr).not.toMatch(/internal error|\n\s+at /);
        expect(jobs.stderr).toContain(`state database ${file} is corrupt`);
        expect(jobs.stderr).toMatch(/move it aside/i);
        expect(jobs.code).toBe(2);
        const source = join(dir, 'src');
        mkdirSync(source);
        writeFileSync(join(source, 'a.txt'), 'a');
        const copy = await cli(['copy', source, join(dir, 'dst'), '--db', file]);
        expect(copy.stderr).not.toMatch(/internal error|\n\s+at /);
        expect(copy.stderr).toContain(`state database ${file} is corrupt`);
        expect(copy.code).toBe(2);
        expect(existsSync(join(dir, 'dst'))).toBe(false);
      });

      it('Manager.start: a StoreOpenError naming the file', async () => {
        const file = join(dir, 'state.db');
        await damage(file);
        const error = await Manager.start({ path: file }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(StoreOpenError);
        expect((error as StoreOpenError).message).toContain(`state database ${file} is corrupt`);
        expect((error as StoreOpenError).code).toMatch(/^SQLITE_CORRUPT/);
        expect((error as StoreOpenError).path).toBe(file);
      });
    });
  }

  it('a file that is not a database: the same, for the command line and Manager.start', async () => {
    const file = join(dir, 'notes.db');
    writeFileSync(file, 'my notes, not a database\n'.repeat(400));
    const jobs = await cli(['jobs', '--db', file]);
    expect(jobs.stderr).toContain(`state database ${file} is not a SQLite database`);
    expect(jobs.stderr).toMatch(/move it aside/i);
    expect(jobs.code).toBe(2);
    const error = await Manager.start({ path: file }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as StoreOpenError).code).toBe('SQLITE_NOTADB');
  });
});
