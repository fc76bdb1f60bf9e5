/**
 * What every proxy of one manager shares: the store, its prepared statements, the entries
 * its locks lend to workers, and whether it is open.
 */
import { EntriesRepo } from './entries-repo.js';
import { EntryLeases } from './entry-leases.js';
import { ManagerStateError } from './errors.js';
import { ItemsRepo } from './items-repo.js';
import { ObjectsRepo } from './objects-repo.js';
import type { Store } from './store.js';

export class ManagerContext {
  readonly objects: ObjectsRepo;
  readonly entries: EntriesRepo;
  readonly items: ItemsRepo;
  readonly leases: EntryLeases;
  private shutDown = false;

  constructor(readonly store: Store) {
    this.objects = new ObjectsRepo(store.db);
    this.entries = new EntriesRepo(store.db);
    this.items = new ItemsRepo(store.db);
    this.leases = new EntryLeases(store, this.entries, () => !this.shutDown);
  }

  get closed(): boolean {
    return this.shutDown;
  }

  close(): void {
    this.shutDown = true;
  }

  check(what: string): void {
    if (this.shutDown) {
      throw new ManagerStateError(`${what}: the manager of ${this.store.path} is shut down; start a new one with Manager.start()`);
    }
  }
}
