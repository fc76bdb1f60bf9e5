/**
 * Issue 14: a file name that is not valid UTF-8 (any bytes but '/' and NUL, on Linux) is
 * carried through a copy byte for byte: as the string a copy carries, in the ledger, back
 * to fs, and shown to people readably.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { JobsRepo } from '../../../src/main/jobs/jobs-repo.js';
import { LedgerRepo } from '../../../src/main/jobs/ledger-repo.js';
import { openStore, type Store } from '../../../src/main/state/index.js';
import { hasRawBytes, pathBytes, pathFromBytes, showPath } from '../../../src/shared/path-bytes.js';
import { toFsPath } from '../../../src/workers/tasks/fs-path.js';

const bytes = (...values: number[]): Buffer => Buffer.from(values);

describe('paths as bytes', () => {
  it('keeps every byte of a name that is not UTF-8, and leaves a UTF-8 one the string it is', () => {
    const cases = [
      bytes(0x66, 0xff, 0x2e, 0x74),
      bytes(0xc3), // a sequence cut short
      bytes(0xed, 0xa0, 0x80), // an encoded surrogate
      bytes(0xc0, 0xaf), // an overlong '/'
      bytes(0xf0, 0x90, 0x82, 0x80, 0x80), // U+10080 (its second half is in the escapes' range), then a stray byte
      Buffer.concat([Buffer.from('🎉'), bytes(0xfe)]),
    ];
    for (const raw of cases) {
      const path = pathFromBytes(raw);
      expect(hasRawBytes(path)).toBe(true);
      expect(Buffer.from(pathBytes(path))).toEqual(raw);
      expect(toFsPath(path)).toEqual(raw);
    }
    for (const name of ['plain.txt', 'Ünïcødé 日本語 🎉.txt', '\uFEFFbom first', 'a\uFFFDb', "quote'\"and`back\\slash"]) {
      expect(pathFromBytes(Buffer.from(name))).toBe(name);
      expect(hasRawBytes(name)).toBe(false);
      expect(toFsPath(name)).toBe(name);
    }
  });

  it('shows each byte that is not UTF-8 as \\xNN', () => {
    expect(showPath(pathFromBytes(bytes(0x66, 0xff, 0x2e, 0x74)))).toBe('f\\xff.t');
    expect(showPath('folder/plain')).toBe('folder/plain');
  });
});

describe('the ledger', () => {
  let store: Store;
  afterEach(() => store.close());

  it('gives back exactly the paths it was given, and stores a readable form for people', () => {
    store = openStore();
    const id = new JobsRepo(store.db).insert({ kind: 'copy', name: 'j', spec: '{}', ownerPid: 1, ownerStart: '' });
    const ledger = new LedgerRepo(store.db);
    const odd = pathFromBytes(bytes(0x64, 0xfe, 0x2f, 0x66, 0xff));
    ledger.add(id, [
      { seq: 0, type: 'dir', path: 'd\udcfe' },
      { seq: 1, type: 'file', path: odd, size: 3 },
      { seq: 2, type: 'file', path: 'renamed', dest: `/dst/${odd} (1)`, action: 'rename', size: 1 },
      { seq: 3, type: 'symlink', path: 'link', link: `../${odd}` },
      { seq: 4, type: 'file', path: 'plain.txt', size: 1 },
    ]);
    const items = ledger.openItems(id);
    expect(items.map((item) => [item.path, item.dest, item.link])).toEqual([
      ['d\udcfe', null, null],
      [odd, null, null],
      ['renamed', `/dst/${odd} (1)`, null],
      ['link', null, `../${odd}`],
      ['plain.txt', null, null],
    ]);
    expect(store.db.prepare('SELECT path FROM job_items WHERE seq = 1').pluck().get()).toBe('d\\xfe/f\\xff');
    ledger.finish(id, 1, 2, null, 'boom');
    expect(ledger.failures(id)).toEqual([{ item: 'd\\xfe/f\\xff', message: 'boom' }]);
  });
});
