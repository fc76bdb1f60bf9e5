import { afterEach, describe, expect, it } from 'vitest';
import { ItemState } from '../../../src/main/jobs/job-record.js';
import { JobsRepo } from '../../../src/main/jobs/jobs-repo.js';
import { LedgerRepo } from '../../../src/main/jobs/ledger-repo.js';
import { LedgerWriter } from '../../../src/main/jobs/ledger-writer.js';
import { openStore, type Store } from '../../../src/main/state/index.js';

let store: Store;
afterEach(() => store.close());

function setup(items: number) {
  store = openStore();
  const repo = new JobsRepo(store.db);
  const ledger = new LedgerRepo(store.db);
  const id = repo.insert({ kind: 'copy', name: 'j', spec: '{}', ownerPid: 1, ownerStart: '' });
  ledger.add(id, Array.from({ length: items }, (_, seq) => ({ seq, type: 'file' as const, path: `f${seq}`, size: 10 })));
  const counted: number[] = [];
  const writer = new LedgerWriter(store, repo, ledger, id, () => counted.push(repo.get(id)!.itemsDone), 10_000);
  return { repo, ledger, id, writer, counted };
}

const unit = (seqs: number[]) => seqs.map((seq) => ({ seq, size: 10, path: `f${seq}`, payload: null }));

describe('LedgerWriter', () => {
  it('writes held outcomes and counters in one flush; a unit that fully succeeded is one done range', () => {
    const { repo, ledger, id, writer } = setup(6);
    writer.record(unit([0, 1, 2]), [0, 1, 2].map((seq) => ({ seq, ok: true as const })), true);
    writer.record(unit([3, 4]), [{ seq: 3, ok: false, error: 'boom' }], true);
    writer.showed(45);
    expect(repo.get(id)).toMatchObject({ itemsDone: 0, itemsFailed: 0 });
    writer.flush();
    expect(repo.get(id)).toMatchObject({ itemsDone: 3, itemsFailed: 1, bytesDone: 40, bytesShown: 45 });
    expect(ledger.openItems(id).map((item) => item.seq)).toEqual([4, 5]);
    expect(store.db.prepare('SELECT first, last FROM job_done_ranges').all()).toEqual([{ first: 0, last: 2 }]);
    expect(ledger.failures(id)).toEqual([{ item: 'f3', message: 'boom' }]);
  });

  it('says when the counters it wrote changed (what a job summary shows), and only then', () => {
    const { writer, counted } = setup(4);
    writer.flush();
    expect(counted).toEqual([]);
    writer.record(unit([0, 1]), [{ seq: 0, ok: true }, { seq: 1, ok: true }], true);
    expect(counted).toEqual([]);
    writer.flush();
    expect(counted).toEqual([2]);
  });

  it('outcomes of scattered items (not a unit) never touch the items between them', () => {
    const { ledger, id, writer } = setup(5);
    writer.record(unit([0, 4]), [{ seq: 0, ok: true }, { seq: 4, ok: true }]);
    writer.flush();
    expect(ledger.openItems(id).map((item) => item.seq)).toEqual([1, 2, 3]);
  });

  it('keeps compute results in input order', () => {
    const { ledger, id, writer } = setup(3);
    writer.record(unit([2, 0, 1]), [
      { seq: 2, ok: true, result: '"c"' },
      { seq: 0, ok: true, result: '"a"' },
      { seq: 1, ok: true, result: '"b"' },
    ], true);
    writer.close();
    expect([...ledger.from(id, 0)].map((item) => [item.state, item.result])).toEqual([
      [ItemState.done, '"a"'],
      [ItemState.done, '"b"'],
      [ItemState.done, '"c"'],
    ]);
  });
});

describe('LedgerRepo: finished items reopened (a resumed copy whose sources changed)', () => {
  it('reopens items inside a done range, one at its edge and one alone, splitting the range around them', () => {
    const { ledger, id, writer } = setup(10);
    writer.record(unit([0, 1, 2, 3, 4, 5]), [0, 1, 2, 3, 4, 5].map((seq) => ({ seq, ok: true as const })), true);
    writer.record(unit([7]), [{ seq: 7, ok: true }]);
    writer.flush();
    expect(ledger.doneFilesPage(id, -1, 100).items.map((item) => item.seq)).toEqual([0, 1, 2, 3, 4, 5, 7]);
    store.transaction(() => ledger.reopenItems(id, [0, 3, 7]));
    expect(store.db.prepare('SELECT first, last FROM job_done_ranges ORDER BY first').all()).toEqual([
      { first: 1, last: 2 },
      { first: 4, last: 5 },
    ]);
    expect(ledger.openItems(id).map((item) => item.seq)).toEqual([0, 3, 6, 7, 8, 9]);
    expect(ledger.doneFilesPage(id, -1, 100).items.map((item) => item.seq)).toEqual([1, 2, 4, 5]);
  });

  it('pages through the finished files: each page from at most `limit` rows, then where to go on from', () => {
    const { ledger, id, writer } = setup(5);
    writer.record(unit([0, 1, 3]), [0, 1, 3].map((seq) => ({ seq, ok: true as const })));
    writer.flush();
    expect(ledger.doneFilesPage(id, -1, 2)).toMatchObject({ items: [{ seq: 0 }, { seq: 1 }], lastSeq: 1 });
    expect(ledger.doneFilesPage(id, 1, 2)).toMatchObject({ items: [{ seq: 3 }], lastSeq: 3 });
    expect(ledger.doneFilesPage(id, 3, 2)).toMatchObject({ items: [], lastSeq: 4 });
    expect(ledger.doneFilesPage(id, 4, 2)).toEqual({ items: [], lastSeq: undefined });
  });
});
