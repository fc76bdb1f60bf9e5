import { afterEach, describe, expect, it } from 'vitest';
import { Manager } from '../../../src/main/index.js';

let manager: Manager | undefined;
afterEach(async () => {
  await manager?.shutdown();
  manager = undefined;
});

describe('manager.snapshot', () => {
  it('lists every object with kind, size and a short preview', async () => {
    manager = await Manager.start();
    await manager.dict('config').update({ threads: 4, name: 'copy' });
    await manager.list('numbers', Array.from({ length: 100 }, (_, i) => i)).append(100);
    await manager.queue('inbox').put({ file: 'a.txt' });
    await manager.namespace('ns').set('x', 1);
    manager.value('count', 7);
    const scratch = manager.dict();
    const snapshot = manager.snapshot();
    expect(snapshot.map((o) => [o.name, o.kind, o.size, o.persistent])).toEqual([
      ['config', 'dict', 2, true],
      ['count', 'value', null, true],
      [scratch.name, 'dict', 0, false],
      ['inbox', 'queue', 1, true],
      ['ns', 'namespace', 1, true],
      ['numbers', 'list', 101, true],
    ]);
    const preview = Object.fromEntries(snapshot.map((o) => [o.name, o.preview]));
    expect(preview.config).toBe("{ threads: 4, name: 'copy' }");
    expect(preview.numbers).toBe('[0, 1, 2, 3, 4, …]');
    expect(preview.inbox).toBe("[{ file: 'a.txt' }]");
    expect(preview.count).toBe('7');
  });

  it('keeps previews short for large values', async () => {
    manager = await Manager.start();
    await manager.value('big', 'x'.repeat(10_000)).get();
    await manager.dict('wide').set('k', Array.from({ length: 1000 }, () => ({ deep: { deeper: 'y'.repeat(100) } })));
    for (const info of manager.snapshot()) expect(info.preview.length).toBeLessThanOrEqual(120);
  });
});
