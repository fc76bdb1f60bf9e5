/**
 * One Manager per file: its unnamed objects, waiters, locks and leases live in its process,
 * so a second Manager on the same file (another process, or this one) is refused with an
 * error naming the holder, and changes nothing. The claim is an operating-system lock, so a
 * holder killed with kill -9 leaves the file free for the next Manager.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Manager, StoreOpenError } from '../../../src/main/index.js';
import { openStore } from '../../../src/main/state/index.js';
import { runProgram, startProgram } from '../../helpers.js';
import { closedAfterEach } from './fixture.js';

const program = fileURLToPath(new URL('../../fixtures/manager-owner.ts', import.meta.url));
const opened = closedAfterEach();

/** The first line the program prints, parsed. */
function firstLine(child: ChildProcess): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(JSON.parse(text.slice(0, text.indexOf('\n'))) as Record<string, unknown>);
    });
    child.on('close', (code) => reject(new Error(`the program ended (${String(code)}) before printing a line: ${text}`)));
  });
}

function storedNames(file: string): string[] {
  const store = openStore(file);
  try {
    return store.db.prepare<[], string>('SELECT name FROM manager_objects ORDER BY name').pluck().all();
  } finally {
    store.close();
  }
}

describe('a Manager owns its file', () => {
  it('refuses a second Manager while another process holds the file, naming it; after a kill -9 the file is free', async () => {
    const file = join((opened.dir = mkdtempSync(join(tmpdir(), 'procpool-owner-'))), 'state.db');
    const holder = startProgram(program, [file, 'hold']);
    const { pid, unnamed } = (await firstLine(holder.child)) as { pid: number; unnamed: string };
    const closed = new Promise((resolve) => holder.child.on('close', resolve));
    try {
      const refused = await Manager.start({ path: file }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(StoreOpenError);
      expect((refused as StoreOpenError).message).toContain(`${file} is in use by the Manager of process ${pid}`);
      // Nothing of the holder's changed, and the file stays readable by others (the jobs commands).
      expect(storedNames(file)).toEqual(['kept', unnamed].sort());
    } finally {
      holder.child.kill('SIGKILL');
      await closed;
    }
    const manager = (opened.manager = await Manager.start({ path: file }));
    expect(await manager.dict('kept').get('from')).toBe(pid);
    // The dead holder's unnamed objects went with it.
    expect(manager.snapshot().map((object) => object.name)).toEqual(['kept']);
  });

  it('refuses a second Manager here and in another process while this one holds the file, and frees it at shutdown', async () => {
    const file = join((opened.dir = mkdtempSync(join(tmpdir(), 'procpool-owner-'))), 'state.db');
    const manager = await Manager.start({ path: file });
    await manager.list('kept', [1, 2]).length();
    await expect(Manager.start({ path: file })).rejects.toThrow(`in use by another Manager of this process (${process.pid})`);
    // That refusal let go of nothing (closing any descriptor of a file drops the process's locks on it).
    const refused = await runProgram(program, [file, 'try']);
    expect(JSON.parse(refused.stdout)).toMatchObject({ started: false, name: 'StoreOpenError', message: expect.stringContaining(`in use by the Manager of process ${process.pid}`) as string });
    expect(await manager.list('kept').toArray()).toEqual([1, 2]);
    await manager.shutdown();
    const after = await runProgram(program, [file, 'try']);
    expect(JSON.parse(after.stdout)).toEqual({ started: true });
  });
});
