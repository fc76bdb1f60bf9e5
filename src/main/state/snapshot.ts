/**
 * What the app's Shared state view shows: every object of the manager with its kind, size
 * and a short preview. Reads at most a few items of each object, so it stays cheap however
 * large the objects grow.
 */
import { inspect } from 'node:util';
import { decodeKey, decodeValue } from './codec.js';
import type { EntriesRepo } from './entries-repo.js';
import type { ItemsRepo } from './items-repo.js';
import type { ObjectRow } from './objects-repo.js';
import { VALUE_KEY } from './value-proxy.js';

export interface SharedObjectInfo {
  name: string;
  /** 'dict', 'list', 'namespace', 'queue', 'joinableQueue', 'value', 'lock', 'rlock', … */
  kind: string;
  /** Stored in SQLite (survives a restart); false for unnamed objects and locks, events, …. */
  persistent: boolean;
  /** Entries, items or attributes; null where a size means nothing (a value, a lock). */
  size: number | null;
  /** At most PREVIEW_LENGTH characters, e.g. `{ a: 1, b: [1, 2] }` or `[1, 2, 3, …]`. */
  preview: string;
}

export const PREVIEW_LENGTH = 120;
const PREVIEW_ITEMS = 5;

/** The repositories a description reads: a Manager's context, or a SharedStateView's. */
export interface StoredReader {
  readonly entries: EntriesRepo;
  readonly items: ItemsRepo;
}

export function describeStored(ctx: StoredReader, row: ObjectRow): SharedObjectInfo {
  const base = { name: row.name, kind: row.kind, persistent: row.ephemeral === 0 };
  switch (row.kind) {
    case 'dict':
    case 'namespace': {
      const size = ctx.entries.count(row.id);
      const rows = ctx.entries.rows(row.id, PREVIEW_ITEMS);
      const shown = rows.map((r) => {
        const key = row.kind === 'dict' ? decodeKey(r.key) : r.key;
        return `${typeof key === 'string' ? key : short(key)}: ${short(decodeValue(r.value))}`;
      });
      return { ...base, size, preview: clip(`{ ${shown.join(', ')}${size > rows.length ? ', …' : ''} }`) };
    }
    case 'list':
    case 'queue':
    case 'joinableQueue': {
      const size = ctx.items.count(row.id);
      const rows = ctx.items.all(row.id, PREVIEW_ITEMS);
      const shown = rows.map((r) => short(decodeValue(r.value)));
      return { ...base, size, preview: clip(`[${shown.join(', ')}${size > rows.length ? ', …' : ''}]`) };
    }
    case 'value': {
      const bytes = ctx.entries.get(row.id, VALUE_KEY);
      return { ...base, size: null, preview: clip(short(bytes === undefined ? undefined : decodeValue(bytes))) };
    }
  }
}

/** A one-line rendering of any value, limited in depth and length. */
export function short(value: unknown): string {
  return inspect(value, { depth: 1, breakLength: Infinity, maxArrayLength: PREVIEW_ITEMS, maxStringLength: 40, compact: true });
}

export function clip(text: string): string {
  return text.length <= PREVIEW_LENGTH ? text : `${text.slice(0, PREVIEW_LENGTH - 1)}…`;
}
