/**
 * The manager's in-memory objects: locks, semaphores, events, conditions and barriers, the
 * primitives of main/sync. They are not persisted (a lock held by a process that is gone
 * means nothing after a restart); a name finds the same object again during one run.
 */
import { checkName, NameGenerator } from './names.js';
import { type SharedObjectInfo } from './snapshot.js';

export type SyncKind = 'lock' | 'rlock' | 'semaphore' | 'event' | 'condition' | 'barrier';

export abstract class SyncObjects {
  protected readonly names = new NameGenerator();
  private readonly syncObjects = new Map<string, { kind: SyncKind; object: object }>();

  protected constructor(private readonly checkOpen: (what: string) => void) {}

  protected isTaken(name: string): boolean {
    return this.syncObjects.has(name);
  }

  protected checkNotSync(name: string, wanted: string): void {
    const found = this.syncObjects.get(name);
    if (found) throw new TypeError(`manager.${wanted}('${name}'): '${name}' is already a ${found.kind}; choose another name`);
  }

  /** Finds the named object of this run, or makes one. */
  protected syncObject<T extends object>(kind: SyncKind, name: string | undefined, make: () => T): T {
    this.checkOpen(`manager.${kind}()`);
    const objectName = name === undefined ? this.names.generate(kind, (n) => this.isTaken(n)) : checkName(name, kind);
    const found = this.syncObjects.get(objectName);
    if (found) {
      if (found.kind !== kind) {
        throw new TypeError(`manager.${kind}('${objectName}'): '${objectName}' is already a ${found.kind}; choose another name`);
      }
      return found.object as T;
    }
    if (this.isTaken(objectName)) {
      throw new TypeError(`manager.${kind}('${objectName}'): '${objectName}' is already a stored object; choose another name`);
    }
    const object = make();
    this.syncObjects.set(objectName, { kind, object });
    return object;
  }

  protected describeSyncObjects(): SharedObjectInfo[] {
    return [...this.syncObjects].map(([name, { kind }]) => ({ name, kind, persistent: false, size: null, preview: '' }));
  }
}
