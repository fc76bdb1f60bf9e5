/**
 * A manager namespace: named attributes, as Python's Namespace. `get(attr)` of an attribute
 * never set resolves undefined. Like every proxy read, a nested value comes back as a copy.
 */
import { decodeValue, encodeValue } from './codec.js';
import type { ManagerContext } from './context.js';
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
    const bytes = this.ctx.entries.get(this.id, attrName(attr));
    return bytes === undefined ? undefined : decodeValue(bytes);
  }

  async set(attr: string, value: unknown): Promise<void> {
    this.check('set');
    const key = attrName(attr);
    const bytes = encodeValue(value, `namespace '${this.name}'.set(${key})`);
    await this.write(() => this.ctx.entries.set(this.id, key, bytes));
  }

  async delete(attr: string): Promise<boolean> {
    this.check('delete');
    const key = attrName(attr);
    return this.write(() => this.ctx.entries.delete(this.id, key));
  }

  async has(attr: string): Promise<boolean> {
    this.check('has');
    return this.ctx.entries.get(this.id, attrName(attr)) !== undefined;
  }

  async toObject(): Promise<Record<string, unknown>> {
    this.check('toObject');
    const out: Record<string, unknown> = {};
    for (const row of this.ctx.entries.rows(this.id)) out[row.key] = decodeValue(row.value);
    return out;
  }
}

function attrName(attr: unknown): string {
  if (typeof attr !== 'string' || attr === '') {
    throw new TypeError(`a namespace attribute name must be a non-empty string, not ${JSON.stringify(attr) ?? typeof attr}`);
  }
  return attr;
}
