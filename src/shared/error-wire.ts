/**
 * Errors cross process and trust boundaries as plain data, `{ name, message, stack }` plus
 * their own enumerable fields, and are rebuilt on the other side with the same class where
 * one is known, so `err.name`, `instanceof` and fields like `pid` survive the trip.
 */
import { errorClasses } from './errors.js';

export interface WireError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  fields?: Record<string, unknown>;
}

const builtins: Record<string, ErrorConstructor> = {
  Error,
  TypeError,
  RangeError,
  ReferenceError,
  SyntaxError,
  EvalError,
  URIError,
};

export function toWireError(value: unknown): WireError {
  if (!(value instanceof Error)) {
    return { name: 'Error', message: typeof value === 'string' ? value : describe(value) };
  }
  const wire: WireError = { name: value.name, message: value.message };
  if (value.stack) wire.stack = value.stack;
  const code = (value as { code?: unknown }).code;
  if (typeof code === 'string') wire.code = code;
  const fields: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === 'code' || key === 'name' || key === 'message' || key === 'stack') continue;
    if (isPlain(field)) fields[key] = field;
  }
  if (Object.keys(fields).length > 0) wire.fields = fields;
  return wire;
}

/** Rebuilds an error; `extraStack` is appended (the caller's side of the story). */
export function fromWireError(wire: WireError, extraStack?: string): Error {
  const known = (errorClasses as Record<string, { prototype: Error }>)[wire.name];
  const prototype = (known ?? builtins[wire.name] ?? Error).prototype;
  const error: Error = Object.create(prototype);
  Object.defineProperty(error, 'message', { value: wire.message, writable: true, configurable: true });
  Object.defineProperty(error, 'name', { value: wire.name, writable: true, configurable: true });
  if (wire.code !== undefined) (error as { code?: string }).code = wire.code;
  if (wire.fields) Object.assign(error, wire.fields);
  const stack = wire.stack ?? `${wire.name}: ${wire.message}`;
  Object.defineProperty(error, 'stack', {
    value: extraStack ? `${stack}\n    --- in the parent ---\n${extraStack}` : stack,
    writable: true,
    configurable: true,
  });
  return error;
}

export function isWireError(value: unknown): value is WireError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as WireError).name === 'string' &&
    typeof (value as WireError).message === 'string'
  );
}

function isPlain(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function describe(value: unknown): string {
  try {
    return `non-Error value thrown: ${JSON.stringify(value)}`;
  } catch {
    return `non-Error value thrown: ${String(value)}`;
  }
}
