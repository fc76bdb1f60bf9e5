/**
 * Errors of the state service. They extend ProcpoolError so their `name` is their class name
 * and survives the trip to a worker (error-wire.ts rebuilds unknown names as Error + name).
 */
import { ProcpoolError } from '../../shared/errors.js';

/** The state database could not be opened, created or migrated. */
export class StoreOpenError extends ProcpoolError {
  readonly path: string;
  readonly code: string | undefined;

  constructor(message: string, details: { path: string; code?: string | undefined }, options?: ErrorOptions) {
    super(message, options);
    this.path = details.path;
    this.code = details.code;
  }
}

/** A manager or one of its proxies was used after `shutdown()`. */
export class ManagerStateError extends ProcpoolError {}
