/**
 * A manager value: one stored value, as Python's `manager.Value`. Its initial value applies
 * only when it is created; reopened on the same file it keeps what was stored. Reads are
 * copies. Its one entry takes part in entry leases as a dict key does (entry-leases.ts).
 */
import { VALUE_KEY } from '../../shared/manager-wire.js';
import { decodeValue, encodeValue } from './codec.js';
import type { ManagerContext } from './context.js';
import { ManagedProxy } from './managed-proxy.js';
import type { ObjectRow } from './objects-repo.js';

const methods = new Set(['get', 'set']);
export { VALUE_KEY };

export class ValueProxy<T = unknown> extends ManagedProxy {
  protected readonly remoteMethods = methods;

  constructor(ctx: ManagerContext, row: ObjectRow) {
    super(ctx, row);
  }

  async get(): Promise<T> {
    this.check('get');
    return this.entry(VALUE_KEY, () => {
      const bytes = this.ctx.entries.get(this.id, VALUE_KEY);
      return (bytes === undefined ? undefined : decodeValue(bytes)) as T;
    });
  }

  async set(value: T): Promise<void> {
    this.check('set');
    const bytes = encodeValue(value, `value '${this.name}'.set`);
    await this.entry(VALUE_KEY, () => this.write(() => this.ctx.entries.set(this.id, VALUE_KEY, bytes)));
  }

  protected override entryKey(): string {
    return VALUE_KEY;
  }
}
