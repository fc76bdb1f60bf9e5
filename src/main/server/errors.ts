/** Errors of browser mode's server. */
import { ProcpoolError } from '../../shared/errors.js';

/** The port asked for cannot be had: another program listens there, or this user may not use it. */
export class PortUnavailableError extends ProcpoolError {
  readonly port: number;

  constructor(port: number, cause: NodeJS.ErrnoException) {
    const why = cause.code === 'EADDRINUSE' ? 'is in use' : cause.code === 'EACCES' ? 'may not be used by this user' : 'cannot be used';
    super(`port ${port} ${why}: ${cause.message}`, { cause });
    this.port = port;
  }
}
