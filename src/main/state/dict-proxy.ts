/**
 * A manager dict: keys are primitives (strings, numbers, bigints, booleans, null) kept
 * apart by type as in Python; values anything node:v8 can serialise. Every read returns a
 * fresh copy: changing a nested value read out of the dict changes nothing until it is set
 * back (`d.set(k, v)`), exactly as with Python's DictProxy. Keys a worker uses under a
 * manager lock may travel with that lock's leases (entry-leases.ts); every access waits
 * while a lease is out with what it touches.
 */
import { decodeKey, decodeValue, encodeKey, encodeValue, type DictKey } from './codec.js';
import type { ManagerContext } from './context.js';
import { ManagedProxy } from './managed-proxy.js';
import type { ObjectRow } from './objects-repo.js';

export type DictInit<V> = Record<string, V> | Map<DictKey, V> | Iterable<readonly [DictKey, V]>;

const methods = new Set([
  'get', 'set', 'delete', 'has', 'keys', 'values', 'entries', 'update',
  'toObject', 'toMap', 'size', 'clear', 'pop',
]);
const keyed = new Set(['get', 'set', 'delete', 'has', 'pop']);

export class DictProxy<V = unknown> extends ManagedProxy {
  protected readonly remoteMethods = methods;

  constructor(ctx: ManagerContext, row: ObjectRow) {
    super(ctx, row);
  }

  /** The value of `key` (a copy), or `fallback` when the key is absent. */
  async get(key: DictKey, fallback?: V): Promise<V | undefined> {
    this.check('get');
    const encodedKey = encodeKey(key);
    return this.entry(encodedKey, () => {
      const bytes = this.ctx.entries.get(this.id, encodedKey);
      return bytes === undefined ? fallback : (decodeValue(bytes) as V);
    });
  }

  async set(key: DictKey, value: V): Promise<void> {
    this.check('set');
    const bytes = encodeValue(value, `dict '${this.name}'.set(${String(key)})`);
    const encodedKey = encodeKey(key);
    await this.entry(encodedKey, () => this.write(() => this.ctx.entries.set(this.id, encodedKey, bytes)));
  }

  /** Removes `key`; resolves whether it was there. */
  async delete(key: DictKey): Promise<boolean> {
    this.check('delete');
    const encodedKey = encodeKey(key);
    return this.entry(encodedKey, () => this.write(() => this.ctx.entries.delete(this.id, encodedKey)));
  }

  /** Removes `key` and resolves its value, or `fallback` when absent. */
  async pop(key: DictKey, fallback?: V): Promise<V | undefined> {
    this.check('pop');
    const encodedKey = encodeKey(key);
    return this.entry(encodedKey, async () => {
      const bytes = this.ctx.entries.get(this.id, encodedKey);
      if (bytes === undefined) return fallback;
      await this.write(() => this.ctx.entries.delete(this.id, encodedKey));
      return decodeValue(bytes) as V;
    });
  }

  async has(key: DictKey): Promise<boolean> {
    this.check('has');
    const encodedKey = encodeKey(key);
    return this.entry(encodedKey, () => this.ctx.entries.get(this.id, encodedKey) !== undefined);
  }

  /** Keys in insertion order. */
  async keys(): Promise<DictKey[]> {
    this.check('keys');
    return this.whole(() => this.ctx.entries.keys(this.id).map(decodeKey));
  }

  async values(): Promise<V[]> {
    this.check('values');
    return this.whole(() => this.ctx.entries.rows(this.id).map((row) => decodeValue(row.value) as V));
  }

  async entries(): Promise<Array<[DictKey, V]>> {
    this.check('entries');
    return this.whole(() => this.ctx.entries.rows(this.id).map((row): [DictKey, V] => [decodeKey(row.key), decodeValue(row.value) as V]));
  }

  /** Sets every entry of `init` in one transaction. */
  async update(init: DictInit<V>): Promise<void> {
    this.check('update');
    const pairs = dictPairs(init).map(([key, value]) => [encodeKey(key), encodeValue(value, `dict '${this.name}'.update`)] as const);
    await this.whole(() =>
      this.write(() => {
        for (const [key, bytes] of pairs) this.ctx.entries.set(this.id, key, bytes);
      }),
    );
  }

  /** A plain object copy; non-string keys become strings as in any JS object. */
  async toObject(): Promise<Record<string, V>> {
    this.check('toObject');
    return this.whole(() => {
      const out: Record<string, V> = {};
      for (const row of this.ctx.entries.rows(this.id)) out[String(decodeKey(row.key))] = decodeValue(row.value) as V;
      return out;
    });
  }

  /** A Map copy that keeps each key's type. */
  async toMap(): Promise<Map<DictKey, V>> {
    return new Map(await this.entries());
  }

  async size(): Promise<number> {
    this.check('size');
    return this.whole(() => this.ctx.entries.count(this.id));
  }

  async clear(): Promise<void> {
    this.check('clear');
    await this.whole(() => this.write(() => this.ctx.entries.clear(this.id)));
  }

  protected override entryKey(method: string, args: unknown[]): string | undefined {
    return keyed.has(method) ? tryKey(() => encodeKey(args[0])) : undefined;
  }
}

/** The stored key, or undefined for a bad one (the method itself then says what is wrong). */
export function tryKey(encode: () => string): string | undefined {
  try {
    return encode();
  } catch {
    return undefined;
  }
}

export function dictPairs<V>(init: DictInit<V>): Array<readonly [DictKey, V]> {
  if (init instanceof Map) return [...init];
  if (typeof (init as Iterable<unknown>)[Symbol.iterator] === 'function') {
    return [...(init as Iterable<readonly [DictKey, V]>)];
  }
  return Object.entries(init as Record<string, V>);
}
