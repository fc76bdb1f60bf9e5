/**
 * Builds the RemoteHost through which workers reach a primitive. Only the methods listed
 * are callable, each gets the calling process, and every argument from a worker is checked
 * before use: a worker is another process, and its messages are input like any other.
 */
import { ValueError } from '../../shared/errors.js';
import type { Caller, RemoteHost } from '../pool/remote-objects.js';
import { noteExited } from './gone-processes.js';

export type RemoteMethod = (caller: Caller, args: unknown[]) => unknown;

/** The parent's own calls, as a caller: ownership by PID, like any process. */
export const parentCaller: Caller = Object.freeze({ pid: process.pid });

export function serve(
  kind: string,
  methods: Record<string, RemoteMethod>,
  options: { props?: Record<string, unknown>; processExited?: (pid: number) => void } = {},
): RemoteHost {
  const table = new Map(Object.entries(methods));
  const host: RemoteHost = {
    kind,
    call(method, args, caller) {
      const fn = table.get(method);
      if (!fn) throw new TypeError(`${kind.replace(/^sync\./, '')} has no method ${method}()`);
      if (!Array.isArray(args)) throw new TypeError(`${method}(): malformed arguments`);
      return fn(caller, args);
    },
    processExited(pid) {
      noteExited(pid);
      options.processExited?.(pid);
    },
  };
  return options.props ? { ...host, props: options.props } : host;
}

export function intArg(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError(`${what} must be an integer, got ${String(value)}`);
  return value;
}

export function countArg(value: unknown, what: string): number {
  const n = intArg(value, what);
  if (n < 0) throw new ValueError(`${what} must not be negative, got ${n}`);
  return n;
}
