/**
 * A manager JoinableQueue: every item put counts as unfinished until a `taskDone()`;
 * `join()` resolves when none is left. Items left in the file from a previous run count as
 * unfinished again when it is reopened (the consumers that took them are gone).
 */
import { ValueError } from '../../shared/errors.js';
import type { ManagerContext } from './context.js';
import { ManagerStateError } from './errors.js';
import type { ObjectRow } from './objects-repo.js';
import { QueueProxy } from './queue-proxy.js';
import { Waiters } from './waiters.js';

const methods = new Set(['put', 'get', 'putNowait', 'getNowait', 'qsize', 'empty', 'full', 'close', 'taskDone', 'join']);

export class JoinableQueueProxy<T = unknown> extends QueueProxy<T> {
  protected override readonly remoteMethods: ReadonlySet<string> = methods;
  private unfinished: number;
  private readonly joiners = new Waiters<undefined>();

  constructor(ctx: ManagerContext, row: ObjectRow) {
    super(ctx, row);
    this.unfinished = ctx.items.count(row.id);
  }

  async taskDone(): Promise<void> {
    this.check('taskDone');
    if (this.unfinished <= 0) {
      throw new ValueError(`queue '${this.name}'.taskDone() called more times than items were put`);
    }
    this.unfinished--;
    while (this.unfinished === 0 && this.joiners.size > 0) this.joiners.shift()!.resolve(undefined);
  }

  /** Resolves once every item put has had its taskDone(). */
  async join(): Promise<void> {
    this.check('join');
    if (this.unfinished === 0) return;
    return this.joiners.wait(undefined, undefined, null, () => new Error('unreachable: join has no timeout'));
  }

  override onShutdown(): void {
    super.onShutdown();
    this.joiners.rejectAll(() => new ManagerStateError(`queue '${this.name}': the manager shut down during join()`));
  }

  protected override accepted(): void {
    this.unfinished++;
  }
}
