/**
 * A manager list. Indexes work as in Python: negative ones count from the end, and an index
 * out of range throws RangeError (Python's IndexError). Reads are copies: mutating an item
 * read out of the list changes nothing until it is set back with `set(i, item)`.
 */
import { decodeValue, encodeValue } from './codec.js';
import type { ManagerContext } from './context.js';
import type { ItemRow } from './items-repo.js';
import { ManagedProxy } from './managed-proxy.js';
import type { ObjectRow } from './objects-repo.js';

const methods = new Set(['append', 'extend', 'get', 'set', 'pop', 'length', 'reverse', 'toArray', 'clear']);

export class ListProxy<T = unknown> extends ManagedProxy {
  protected readonly remoteMethods = methods;

  constructor(ctx: ManagerContext, row: ObjectRow) {
    super(ctx, row);
  }

  async append(item: T): Promise<void> {
    this.check('append');
    const bytes = encodeValue(item, `list '${this.name}'.append`);
    await this.write(() => this.ctx.items.append(this.id, bytes));
  }

  /** Appends every item, in one transaction. */
  async extend(items: Iterable<T>): Promise<void> {
    this.check('extend');
    const all = [...items].map((item) => encodeValue(item, `list '${this.name}'.extend`));
    await this.write(() => {
      for (const bytes of all) this.ctx.items.append(this.id, bytes);
    });
  }

  async get(index: number): Promise<T> {
    this.check('get');
    return decodeValue(this.locate(index, 'get').value) as T;
  }

  async set(index: number, item: T): Promise<void> {
    this.check('set');
    const bytes = encodeValue(item, `list '${this.name}'.set(${index})`);
    const { pos } = this.locate(index, 'set');
    await this.write(() => this.ctx.items.update(this.id, pos, bytes));
  }

  /** Removes and resolves the item at `index` (the last by default). */
  async pop(index = -1): Promise<T> {
    this.check('pop');
    const { pos, value } = this.locate(index, 'pop');
    await this.write(() => this.ctx.items.delete(this.id, pos));
    return decodeValue(value) as T;
  }

  async length(): Promise<number> {
    this.check('length');
    return this.ctx.items.count(this.id);
  }

  async reverse(): Promise<void> {
    this.check('reverse');
    await this.write(() => this.ctx.items.reverse(this.id));
  }

  async toArray(): Promise<T[]> {
    this.check('toArray');
    return this.ctx.items.all(this.id).map((row) => decodeValue(row.value) as T);
  }

  async clear(): Promise<void> {
    this.check('clear');
    await this.write(() => this.ctx.items.clear(this.id));
  }

  private locate(index: unknown, what: string): ItemRow {
    if (typeof index !== 'number' || !Number.isInteger(index)) {
      throw new TypeError(`list '${this.name}'.${what}(): the index must be an integer, not ${String(index)}`);
    }
    const row = index >= 0 ? this.ctx.items.at(this.id, index) : this.ctx.items.at(this.id, -index - 1, true);
    if (!row) {
      const length = this.ctx.items.count(this.id);
      throw new RangeError(`list '${this.name}'.${what}(${index}): index out of range (length ${length})`);
    }
    return row;
  }
}
