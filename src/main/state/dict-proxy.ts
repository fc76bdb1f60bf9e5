/**
 * A manager dict: keys are primitives (strings, numbers, bigints, booleans, null) kept
 * apart by type as in Python; values anything node:v8 can serialise. Every read returns a
 * fresh copy: changing a nested value read out of the dict changes nothing until it is set
 * back (`d.set(k, v)`), exactly as with Python's DictProxy.
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

export class DictProxy<V = unknown> extends ManagedProxy {
  protected readonly remoteMethods = methods;

  constructor(ctx: ManagerContext, row: ObjectRow) {
    super(ctx, row);
  }

  /** The value of `key` (a copy), or `fallback` when the key is absent. */
  async get(key: DictKey, fallback?: V): Promise<V | undefined> {
    this.check('get');
    const bytes = this.ctx.entries.get(this.id, encodeKey(key));
    return bytes === undefined ? fallback : (decodeValue(bytes) as V);
  }

  async set(key: DictKey, value: V): Promise<void> {
    this.check('set');
    const bytes = encodeValue(value, `dict '${this.name}'.set(${String(key)})`);
    const encodedKey = encodeKey(key);
    await this.write(() => this.ctx.entries.set(this.id, encodedKey, bytes));
  }

  /** Removes `key`; resolves whether it was there. */
  async delete(key: DictKey): Promise<boolean> {
    this.check('delete');
    const encodedKey = encodeKey(key);
    return this.write(() => this.ctx.entries.delete(this.id, encodedKey));
  }

  /** Removes `key` and resolves its value, or `fallback` when absent. */
  async pop(key: DictKey, fallback?: V): Promise<V | undefined> {
    this.check('pop');
    const encodedKey = encodeKey(key);
    const bytes = this.ctx.entries.get(this.id, encodedKey);
    if (bytes === undefined) return fallback;
    await this.write(() => this.ctx.entries.delete(this.id, encodedKey));
    return decodeValue(bytes) as V;
  }

  async has(key: DictKey): Promise<boolean> {
    this.check('has');
    return this.ctx.entries.get(this.id, encodeKey(key)) !== undefined;
  }

  /** Keys in insertion order. */
  async keys(): Promise<DictKey[]> {
    this.check('keys');
    return this.ctx.entries.keys(this.id).map(decodeKey);
  }

  async values(): Promise<V[]> {
    this.check('values');
    return this.ctx.entries.rows(this.id).map((row) => decodeValue(row.value) as V);
  }

  async entries(): Promise<Array<[DictKey, V]>> {
    this.check('entries');
    return this.ctx.entries.rows(this.id).map((row) => [decodeKey(row.key), decodeValue(row.value) as V]);
  }

  /** Sets every entry of `init` in one transaction. */
  async update(init: DictInit<V>): Promise<void> {
    this.check('update');
    const pairs = dictPairs(init).map(([key, value]) => [encodeKey(key), encodeValue(value, `dict '${this.name}'.update`)] as const);
    await this.write(() => {
      for (const [key, bytes] of pairs) this.ctx.entries.set(this.id, key, bytes);
    });
  }

  /** A plain object copy; non-string keys become strings as in any JS object. */
  async toObject(): Promise<Record<string, V>> {
    this.check('toObject');
    const out: Record<string, V> = {};
    for (const row of this.ctx.entries.rows(this.id)) out[String(decodeKey(row.key))] = decodeValue(row.value) as V;
    return out;
  }

  /** A Map copy that keeps each key's type. */
  async toMap(): Promise<Map<DictKey, V>> {
    return new Map(await this.entries());
  }

  async size(): Promise<number> {
    this.check('size');
    return this.ctx.entries.count(this.id);
  }

  async clear(): Promise<void> {
    this.check('clear');
    await this.write(() => this.ctx.entries.clear(this.id));
  }
}

export function dictPairs<V>(init: DictInit<V>): Array<readonly [DictKey, V]> {
  if (init instanceof Map) return [...init];
  if (typeof (init as Iterable<unknown>)[Symbol.iterator] === 'function') {
    return [...(init as Iterable<readonly [DictKey, V]>)];
  }
  return Object.entries(init as Record<string, V>);
}
