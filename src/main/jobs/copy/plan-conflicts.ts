/**
 * Decides, before anything is written, what happens to each scanned entry given what is
 * already at the destination and the conflict policy:
 *
 * - nothing there: 'copy'. A folder that exists as a folder: 'merge' (its contents are
 *   checked one by one), under every policy, as `cp -r` and `rsync` do.
 * - anything else there (a file, a link, a folder where a file goes) is a conflict:
 *   - fail:      listed in `conflicts`; the job stops before changing anything.
 *   - skip:      'skip'; a skipped folder's contents are skipped too.
 *   - overwrite: 'overwrite'; a file or link is replaced (atomically, by rename), a file in
 *                the place of a folder is removed first. A folder is never replaced by a
 *                file: that entry is 'fail' with the reason (it would delete a whole tree).
 *   - rename:    'rename', keeping both: the copy goes to 'name (1).ext' (keep-both-name.ts),
 *                and a renamed folder's contents follow it.
 *
 * A symlink at the destination is never merged into, even if it points to a folder: the
 * copy must not write outside its destination through someone else's link.
 * Only folders that already exist are read (once each), so planning into a new
 * destination costs nothing per file.
 */
import { lstat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { JobInputError } from '../../../shared/errors.js';
import { toFsPath } from './fs-path.js';
import { conflictPolicies, type ConflictPolicy } from '../../../shared/api.js';
import type { EntryType, ScanEntry } from '../../../shared/copy-types.js';
import { keepBothName } from './keep-both-name.js';
import { namedEntries } from './named-entries.js';

export type ExistingType = EntryType | 'other';
/** 'hardlink': another name of a file copied under its first name (hard-links.ts, after planning). */
export type PlannedAction = 'copy' | 'merge' | 'skip' | 'overwrite' | 'rename' | 'fail' | 'hardlink';

export interface PlannedEntry {
  entry: ScanEntry;
  /** Where it goes: the destination path, or its keep-both name under 'rename'. */
  destination: string;
  action: PlannedAction;
  /** Why an entry is skipped or failed. */
  reason?: string;
  /** What is in the way, for 'overwrite' (a file to remove first before making a folder). */
  existing?: ExistingType;
  /** For 'hardlink': the destination of the file's first name, which this name is made a link to. */
  linkTo?: string;
}

export interface Conflict {
  path: string;
  destination: string;
  existing: ExistingType;
  incoming: EntryType;
}

export interface ConflictPlan {
  policy: ConflictPolicy;
  /** In the order of the input entries. */
  entries: PlannedEntry[];
  /** Every conflict found, whatever the policy; under 'fail' the job stops when there are any. */
  conflicts: Conflict[];
}

interface FolderState {
  destination: string;
  /** Made by this copy: nothing can be in the way inside it. */
  fresh: boolean;
  /** Its contents are not copied, and why. */
  blocked?: { action: 'skip' | 'fail'; reason: string };
}

/** Let the event loop breathe this often while planning a very large tree. */
const yieldEvery = 8192;

/** Where the entries go when they are the contents of a folder planned before (a folder a retry lists again). */
export interface PlanWithin {
  /** The folder's own plan did not copy it (skipped, failed): its contents follow, with this reason. */
  blocked?: { action: 'skip' | 'fail'; reason: string };
}

/**
 * `entries` are relative to `destinationRoot`: a whole source, or (with `within`) the
 * contents of one of its folders whose destination is `destinationRoot`.
 */
export async function planConflicts(entries: readonly ScanEntry[], destinationRoot: string, policy: ConflictPolicy, within: PlanWithin = {}): Promise<ConflictPlan> {
  if (!conflictPolicies.includes(policy)) {
    throw new JobInputError(`unknown conflict policy ${JSON.stringify(policy)}: use one of ${conflictPolicies.join(', ')}`);
  }
  const planner = new Planner(entries, policy);
  const root: FolderState = within.blocked
    ? { destination: destinationRoot, fresh: false, blocked: within.blocked }
    : { destination: destinationRoot, fresh: !(await isFolder(destinationRoot)) };
  const folders = new Map<string, FolderState>([['', root]]);
  const planned: PlannedEntry[] = new Array(entries.length);
  const order = parentsFirstOrder(entries);
  for (let step = 0; step < entries.length; step++) {
    if (step > 0 && step % yieldEvery === 0) await new Promise((resolve) => setImmediate(resolve));
    const index = order ? order[step]! : step;
    const entry = entries[index]!;
    const slash = entry.path.lastIndexOf('/');
    const parentPath = slash === -1 ? '' : entry.path.slice(0, slash);
    const parent = folders.get(parentPath) ?? (await planner.outsideFolder(parentPath, destinationRoot, folders));
    // Only a folder that already exists needs reading (once); a new destination costs no I/O.
    const listing = parent.fresh || parent.blocked ? undefined : (planner.listed(parent.destination) ?? (await planner.listing(parent.destination)));
    const plan = planner.place(entry, entry.path.slice(slash + 1), parent, listing);
    planned[index] = plan;
    if (entry.type === 'dir') folders.set(entry.path, planner.folderAfter(plan, parent));
  }
  return { policy, entries: planned, conflicts: planner.conflicts };
}

/**
 * Undefined when every entry's folder comes before it (as scanTree lists them); otherwise
 * the indexes sorted by depth, parents first (a stable sort keeps the rest as given).
 */
function parentsFirstOrder(entries: readonly ScanEntry[]): number[] | undefined {
  const folders = new Set<string>();
  for (const entry of entries) if (entry.type === 'dir') folders.add(entry.path);
  const seen = new Set<string>();
  let ordered = true;
  for (const entry of entries) {
    const slash = entry.path.lastIndexOf('/');
    const parent = slash === -1 ? '' : entry.path.slice(0, slash);
    if (parent !== '' && !seen.has(parent) && folders.has(parent)) {
      ordered = false;
      break;
    }
    if (entry.type === 'dir') seen.add(entry.path);
  }
  if (ordered) return undefined;
  const depths = entries.map((entry) => depth(entry.path));
  return entries.map((_, index) => index).sort((a, b) => depths[a]! - depths[b]!);
}

class Planner {
  readonly conflicts: Conflict[] = [];
  /** What is in each existing destination folder, read once. */
  private readonly listings = new Map<string, Map<string, ExistingType>>();
  /** The names each source folder brings, so a keep-both name never takes one of them (rename only). */
  private incoming: Map<string, Set<string>> | undefined;

  constructor(
    private readonly entries: readonly ScanEntry[],
    private readonly policy: ConflictPolicy,
  ) {}

  /** `listing` is what the parent folder holds; undefined when it is new or blocked. */
  place(entry: ScanEntry, name: string, parent: FolderState, listing: Map<string, ExistingType> | undefined): PlannedEntry {
    // A name holds no separator and the parent is already normal: plain concatenation will do.
    const destination = parent.destination + sep + name;
    if (parent.blocked) return { entry, destination, ...parent.blocked };
    if (!listing) return { entry, destination, action: 'copy' };
    const existing = listing.get(name);
    if (existing === undefined) return { entry, destination, action: 'copy' };
    if (existing === 'dir' && entry.type === 'dir') return { entry, destination, action: 'merge' };
    this.conflicts.push({ path: entry.path, destination, existing, incoming: entry.type });
    const what = existing === 'dir' ? 'a folder' : existing === 'symlink' ? 'a symbolic link' : 'a file';
    switch (this.policy) {
      case 'fail':
        return { entry, destination, action: 'fail', reason: `${what} already exists at ${destination}`, existing };
      case 'skip':
        return { entry, destination, action: 'skip', reason: `${what} already exists at ${destination}`, existing };
      case 'overwrite':
        if (existing === 'dir') {
          const reason = `a folder is in the way at ${destination}: overwrite never replaces a folder with a file or link; move the folder away, or use the rename policy`;
          return { entry, destination, action: 'fail', reason, existing };
        }
        return { entry, destination, action: 'overwrite', existing };
      case 'rename': {
        const parentPath = entry.path.includes('/') ? entry.path.slice(0, entry.path.lastIndexOf('/')) : '';
        const brought = this.incomingNames().get(parentPath);
        const renamed = keepBothName(name, entry.type === 'dir', (candidate) => listing.has(candidate) || (brought?.has(candidate) ?? false));
        // Taken now: a second conflict in this folder must pick another number.
        listing.set(renamed, entry.type);
        return { entry, destination: join(parent.destination, renamed), action: 'rename', existing };
      }
    }
  }

  /** What a folder entry's plan means for the entries inside it. */
  folderAfter(plan: PlannedEntry, parent: FolderState): FolderState {
    if (plan.action === 'skip' || plan.action === 'fail') {
      const reason = parent.blocked?.reason ?? `its folder was not copied: ${plan.reason ?? plan.action}`;
      return { destination: plan.destination, fresh: false, blocked: { action: plan.action, reason } };
    }
    return { destination: plan.destination, fresh: plan.action !== 'merge' };
  }

  /** A parent folder that is not among the entries (a partial list): check it on disk. */
  async outsideFolder(path: string, root: string, folders: Map<string, FolderState>): Promise<FolderState> {
    const destination = join(root, ...path.split('/'));
    const state: FolderState = { destination, fresh: !(await isFolder(destination)) };
    folders.set(path, state);
    return state;
  }

  private incomingNames(): Map<string, Set<string>> {
    if (this.incoming) return this.incoming;
    this.incoming = new Map();
    for (const { path } of this.entries) {
      const slash = path.lastIndexOf('/');
      const parent = slash === -1 ? '' : path.slice(0, slash);
      let names = this.incoming.get(parent);
      if (!names) this.incoming.set(parent, (names = new Set()));
      names.add(path.slice(slash + 1));
    }
    return this.incoming;
  }

  /** A listing already read, without waiting. */
  listed(folder: string): Map<string, ExistingType> | undefined {
    return this.listings.get(folder);
  }

  async listing(folder: string): Promise<Map<string, ExistingType>> {
    let listing = this.listings.get(folder);
    if (listing) return listing;
    listing = new Map();
    try {
      for (const [name, dirent] of await namedEntries(folder)) {
        const type = dirent.isDirectory() ? 'dir' : dirent.isSymbolicLink() ? 'symlink' : dirent.isFile() ? 'file' : 'other';
        listing.set(name, type);
      }
    } catch (error) {
      throw new JobInputError(`cannot read the destination folder ${folder} to check for conflicts: ${(error as Error).message}`);
    }
    this.listings.set(folder, listing);
    return listing;
  }
}

/** A real folder (not a link to one) that exists. */
async function isFolder(path: string): Promise<boolean> {
  try {
    return (await lstat(toFsPath(path))).isDirectory();
  } catch {
    return false;
  }
}

function depth(path: string): number {
  let count = 0;
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) count++;
  return count;
}
