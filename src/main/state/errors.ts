/**
 * Errors of the state service. They extend ProcpoolError so their `name` is their class name
 * and survives the trip to a worker (error-wire.ts rebuilds unknown names as Error + name).
 */
import { ProcpoolError } from '../../shared/errors.js';

/** The state database could not be opened or used (see shared/errors.ts). */
export { StoreOpenError } from '../../shared/errors.js';

/** A manager or one of its proxies was used after `shutdown()`. */
export class ManagerStateError extends ProcpoolError {}
