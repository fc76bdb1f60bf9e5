/**
 * Two names of one file in the source are two names of one file in the destination, as
 * `cp -a` keeps them. The scan gives each file with several names its device and inode;
 * of the names the plan puts somewhere (copy, overwrite, rename), the first in scan order
 * is copied and each later one becomes a 'hardlink' to its copy. A name the plan skips or
 * fails keeps that: it is not linked to anything.
 *
 * A link needs its file's copy in place. The names of a file are moved together, first
 * name first, to where the last of them was: every folder they are in comes before them
 * still, and make-batches keeps a file's names in one batch, which its worker copies in
 * order. The ledger keeps that order and each link's target (its `link` column), so a run
 * stopped between the two names resumes with the link alone, to the copy already there.
 */
import type { PlannedEntry } from './plan-conflicts.js';

const placed = new Set(['copy', 'overwrite', 'rename']);

export function planHardLinks(planned: readonly PlannedEntry[]): readonly PlannedEntry[] {
  const names = new Map<string, number[]>();
  planned.forEach(({ entry, action }, index) => {
    if (entry.inode === undefined || !placed.has(action)) return;
    const indexes = names.get(entry.inode);
    if (indexes) indexes.push(index);
    else names.set(entry.inode, [index]);
  });
  /** Where each file's names go: at its last name's place. */
  const groups = new Map<number, number[]>();
  const moved = new Set<number>();
  for (const indexes of names.values()) {
    if (indexes.length < 2) continue;
    groups.set(indexes[indexes.length - 1]!, indexes);
    for (const index of indexes) moved.add(index);
  }
  if (groups.size === 0) return planned;
  const ordered: PlannedEntry[] = [];
  planned.forEach((plan, index) => {
    const group = groups.get(index);
    if (group) {
      const first = planned[group[0]!]!;
      ordered.push(first);
      for (const other of group.slice(1)) ordered.push({ ...planned[other]!, action: 'hardlink', linkTo: first.destination });
    } else if (!moved.has(index)) ordered.push(plan);
  });
  return ordered;
}
