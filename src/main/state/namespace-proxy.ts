/**
 * A manager namespace: named attributes, as Python's Namespace. `get(attr)` of an attribute
 * never set resolves undefined. Like every proxy read, a nested value comes back as a copy.
 * Attributes take part in entry leases as dict keys do (entry-leases.ts).
 */
import { attributeKey } from '../../shared/manager-wire.js';
import { decodeValue, encodeValue } from './codec.js';
import type { ManagerContext } from './context.js';
import { tryKey } from './dict-proxy.js';
import { ManagedProxy } from './managed-proxy.js';
import type { ObjectRow } from './objects-repo.js';

const methods = new Set(['get', 'set', 'delete', 'has', 'toObject']);

export class NamespaceProxy extends ManagedProxy {
  protected readonly remoteMethods = methods;

  constructor(ctx: ManagerContext, row: ObjectRow) {
    super(ctx, row);
  }

  async get(attr: string): Promise<unknown> {
    this.check('get');
    const key = attributeKey(attr);
    return this.entry(key, () => {
      const bytes = this.ctx.entries.get(this.id, key);
      return bytes === undefined ? undefined : decodeValue(bytes);
    });
  }

  async set(attr: string, value: unknown): Promise<void> {
    this.check('set');
    const key = attributeKey(attr);
    const bytes = encodeValue(value, `namespace '${this.name}'.set(${key})`);
    await this.entry(key, () => this.write(() => this.ctx.entries.set(this.id, key, bytes)));
  }

  async delete(attr: string): Promise<boolean> {
    this.check('delete');
    const key = attributeKey(attr);
    return this.entry(key, () => this.write(() => this.ctx.entries.delete(this.id, key)));
  }

  async has(attr: string): Promise<boolean> {
    this.check('has');
    const key = attributeKey(attr);
    return this.entry(key, () => this.ctx.entries.get(this.id, key) !== undefined);
  }

  async toObject(): Promise<Record<string, unknown>> {
    this.check('toObject');
    return this.whole(() => {
      const out: Record<string, unknown> = {};
      for (const row of this.ctx.entries.rows(this.id)) out[row.key] = decodeValue(row.value);
      return out;
    });
  }

  protected override entryKey(method: string, args: unknown[]): string | undefined {
    return method === 'toObject' ? undefined : tryKey(() => attributeKey(args[0]));
  }
}
