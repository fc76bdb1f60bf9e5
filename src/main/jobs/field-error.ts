/**
 * A JobInputError that names the field of the spec it is about ('source', 'inputs.path'),
 * so a form can show it next to that field; the field travels as a plain property.
 */
import { JobInputError } from '../../shared/errors.js';

export type FieldInputError = JobInputError & { field: string };

export function fieldError(field: string, message: string): FieldInputError {
  return Object.assign(new JobInputError(message), { field });
}

export function fieldOf(error: unknown): string | undefined {
  const field = (error as { field?: unknown } | null)?.field;
  return typeof field === 'string' ? field : undefined;
}
