/**
 * Errors cross process and trust boundaries as plain data, `{ name, message, stack }` plus
 * their own enumerable fields, their `cause` and an AggregateError's `errors`, and are rebuilt
 * on the other side with the same class where one is known, so `err.name`, `instanceof` and
 * fields like `pid` survive the trip. A thrown non-Error becomes an Error saying what it was,
 * its plain fields kept (`throw { code: 42 }` arrives with `code` 42).
 */
import { errorClasses } from './errors.js';

export interface WireError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  fields?: Record<string, unknown>;
  cause?: WireError;
  errors?: WireError[];
}

/** How deep causes and aggregated errors are followed, and how many of the latter are kept. */
const maxDepth = 4;
const maxErrors = 100;

const builtins: Record<string, ErrorConstructor> = {
  Error,
  TypeError,
  RangeError,
  ReferenceError,
  AggregateError: AggregateError as unknown as ErrorConstructor,
  SyntaxError,
  EvalError,
  URIError,
};

export function toWireError(value: unknown, depth = 0): WireError {
  if (!(value instanceof Error)) {
    const wire: WireError = { name: 'Error', message: typeof value === 'string' ? value : describe(value) };
    return withFields(wire, value);
  }
  const wire: WireError = { name: value.name, message: value.message };
  if (value.stack) wire.stack = value.stack;
  const code = (value as { code?: unknown }).code;
  if (typeof code === 'string') wire.code = code;
  withFields(wire, value);
  if (depth < maxDepth) {
    if (value.cause !== undefined) wire.cause = toWireError(value.cause, depth + 1);
    if (value instanceof AggregateError && Array.isArray(value.errors)) {
      wire.errors = value.errors.slice(0, maxErrors).map((error: unknown) => toWireError(error, depth + 1));
    }
  }
  return wire;
}

/** The value's own plain fields (strings, numbers, booleans, null), `code` of an Error apart. */
function withFields(wire: WireError, value: unknown): WireError {
  if (typeof value !== 'object' || value === null) return wire;
  const fields: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === 'name' || key === 'message' || key === 'stack' || key === 'cause' || key === 'errors') continue;
    if (key === 'code' && wire.code !== undefined) continue;
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
  // Own, not enumerable, as the constructors make them.
  if (wire.cause) Object.defineProperty(error, 'cause', { value: fromWireError(wire.cause), writable: true, configurable: true });
  if (wire.errors) Object.defineProperty(error, 'errors', { value: wire.errors.map((e) => fromWireError(e)), writable: true, configurable: true });
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
