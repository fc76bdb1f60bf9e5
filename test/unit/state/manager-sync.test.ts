import { afterEach, describe, expect, it } from 'vitest';
import { Manager } from '../../../src/main/index.js';
import { Barrier, Condition, Event, Lock, RLock, Semaphore } from '../../../src/main/sync/index.js';

let manager: Manager | undefined;
afterEach(async () => {
  await manager?.shutdown();
  manager = undefined;
});

describe('manager locks, semaphores, events, conditions and barriers', () => {
  it('returns the primitives of main/sync, the same one for the same name', async () => {
    manager = await Manager.start();
    expect(manager.lock('l')).toBeInstanceOf(Lock);
    expect(manager.lock('l')).toBe(manager.lock('l'));
    expect(manager.lock()).not.toBe(manager.lock());
    expect(manager.rlock()).toBeInstanceOf(RLock);
    expect(manager.semaphore('s', 2).getValue()).toBe(2);
    expect(manager.semaphore(3).getValue()).toBe(3);
    expect(manager.event()).toBeInstanceOf(Event);
    expect(manager.condition()).toBeInstanceOf(Condition);
    expect(manager.condition('c', manager.lock('l'))).toBeInstanceOf(Condition);
    const b = manager.barrier('b', 2);
    expect(b).toBeInstanceOf(Barrier);
    expect(b.parties).toBe(2);
    expect(manager.barrier(4).parties).toBe(4);
    expect(manager.semaphore()).toBeInstanceOf(Semaphore);
  });

  it('keeps one name to one object across kinds, stored or in memory', async () => {
    manager = await Manager.start();
    manager.lock('shared');
    expect(() => manager!.event('shared')).toThrow(/already a lock/);
    expect(() => manager!.dict('shared')).toThrow(/already a lock/);
    manager.dict('stored');
    expect(() => manager!.lock('stored')).toThrow(/already a stored object/);
  });

  it('a lock acquired in the parent serialises the parent\'s own critical sections', async () => {
    manager = await Manager.start();
    const lock = manager.lock('mutex');
    expect(await lock.acquire()).toBe(true);
    expect(await lock.acquire({ block: false })).toBe(false);
    await lock.release();
    expect(await lock.acquire({ timeout: 10 })).toBe(true);
    await lock.release();
  });

  it('shows them in the snapshot, not persisted', async () => {
    manager = await Manager.start();
    manager.semaphore('slots', 3);
    manager.event('ready').set();
    manager.barrier('meet', 2);
    manager.lock('mutex');
    const rows = Object.fromEntries(manager.snapshot().map((o) => [o.name, [o.kind, o.persistent, o.preview]]));
    expect(rows).toEqual({
      slots: ['semaphore', false, 'value 3'],
      ready: ['event', false, 'set'],
      meet: ['barrier', false, '0/2 waiting'],
      mutex: ['lock', false, ''],
    });
  });
});
