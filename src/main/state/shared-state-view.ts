/**
 * What the app's Shared state view reads: the stored objects of whichever Manager uses the
 * database (a program of the user's, running now or not), read without being their Manager.
 * The app never claims the file (manager-claim.ts), so that program can run beside it, and
 * the app opening or closing never removes that program's unnamed objects.
 */
import type Database from 'better-sqlite3';
import { EntriesRepo } from './entries-repo.js';
import { ItemsRepo } from './items-repo.js';
import { ObjectsRepo } from './objects-repo.js';
import { describeStored, type SharedObjectInfo, type StoredReader } from './snapshot.js';

export class SharedStateView implements StoredReader {
  readonly entries: EntriesRepo;
  readonly items: ItemsRepo;
  private readonly objects: ObjectsRepo;

  constructor(db: Database.Database) {
    this.objects = new ObjectsRepo(db);
    this.entries = new EntriesRepo(db);
    this.items = new ItemsRepo(db);
  }

  /**
   * Every stored object as it is committed now. An entry a worker of that program holds on
   * lease shows its value from before the lease; its Manager's in-memory objects (locks,
   * events, …) live in its process and are not shown.
   */
  snapshot(): SharedObjectInfo[] {
    return this.objects
      .all()
      .map((row) => describeStored(this, row))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
