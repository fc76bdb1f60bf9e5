/** A manager's stored values may have cycles and shared objects, as any structured clone. */
import { afterEach, describe, expect, it } from 'vitest';
import { Manager } from '../../../src/main/index.js';

let manager: Manager | undefined;
afterEach(async () => {
  await manager?.shutdown();
  manager = undefined;
});

describe('a manager dict value with cycles', () => {
  it('is stored and read back with its cycle and its shared objects', async () => {
    manager = await Manager.start();
    const d = manager.dict();
    // Two ways back to itself: looked into once per path, this took 2^65 steps.
    const c: Record<string, unknown> = { n: 1 };
    c.a = c;
    c.b = c;
    const shared = { s: true };
    c.list = [shared, shared];
    await d.set('c', c);
    const back = (await d.get('c')) as typeof c & { list: object[] };
    expect(back.n).toBe(1);
    expect(back.a).toBe(back);
    expect(back.b).toBe(back);
    expect(back.list[0]).toBe(back.list[1]);
  });
});
