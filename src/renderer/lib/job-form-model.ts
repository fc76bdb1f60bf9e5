/**
 * The New job form as data: what was typed, the spec it makes, and the errors to show next
 * to each field. Checks that need no disk run here at once; the service's validateJob
 * answers the rest (does the source exist, is the destination inside it), mapped back to
 * the field it is about.
 */
import { builtinTasks, type BuiltinTask, type ConflictPolicy, type JobSpecInput, type JobValidation } from '../../shared/api.js';

export type FormField = 'source' | 'destination' | 'module' | 'function' | 'inputs' | 'general';

export interface JobFormValues {
  kind: 'copy' | 'compute';
  name: string;
  source: string;
  destination: string;
  onConflict: ConflictPolicy;
  verify: boolean;
  /** A module's export, or one of the built-in tasks. */
  taskMode: 'module' | BuiltinTask;
  module: string;
  fn: string;
  inputs: string;
}

export function emptyForm(onConflict: ConflictPolicy = 'fail'): JobFormValues {
  return { kind: 'copy', name: '', source: '', destination: '', onConflict, verify: false, taskMode: 'module', module: '', fn: '', inputs: '' };
}

export type FieldErrors = Partial<Record<FormField, string>>;

/** `0:100`, `0..100`, `0-100` or `100` (= 0:100) is a range; anything else a path. */
export function parseInputs(text: string): { type: 'range'; start: number; end: number } | { type: 'path'; path: string } | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const range = /^(-?\d+)\s*(?:\.\.|:|-|–)\s*(-?\d+)$/.exec(trimmed);
  if (range) return { type: 'range', start: Number(range[1]), end: Number(range[2]) };
  if (/^\d+$/.test(trimmed)) return { type: 'range', start: 0, end: Number(trimmed) };
  return { type: 'path', path: trimmed };
}

/** The spec the form describes, and the errors found without asking the service. */
export function buildSpec(values: JobFormValues): { spec: JobSpecInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = values.name.trim() || undefined;
  if (values.kind === 'copy') {
    if (!values.source.trim()) errors.source = 'Enter the folder to copy.';
    if (!values.destination.trim()) errors.destination = 'Enter where the copy goes.';
    else if (values.source.trim() && values.source.trim() === values.destination.trim()) errors.destination = 'The destination is the source itself: choose another folder.';
    return { spec: { kind: 'copy', name, source: values.source.trim(), destination: values.destination.trim(), onConflict: values.onConflict, verify: values.verify }, errors };
  }
  const inputs = parseInputs(values.inputs);
  if (!inputs) errors.inputs = 'Enter a range such as 0:1000, or the path of a JSON file, a text file or a folder.';
  else if (inputs.type === 'range' && inputs.end <= inputs.start) errors.inputs = `The range ${inputs.start}:${inputs.end} is empty: the end must be greater than the start.`;
  let task: { module: string; name: string } | { builtin: BuiltinTask };
  if (values.taskMode === 'module') {
    if (!values.module.trim()) errors.module = 'Enter the absolute path (or file: URL) of an ES module.';
    if (!values.fn.trim()) errors.function = 'Enter the name of the exported function.';
    else if (!/^[A-Za-z_$][\w$]*$/.test(values.fn.trim())) errors.function = `"${values.fn.trim()}" is not a function name.`;
    task = { module: values.module.trim(), name: values.fn.trim() };
  } else {
    task = { builtin: builtinTasks.includes(values.taskMode) ? values.taskMode : 'primes' };
  }
  return { spec: { kind: 'compute', name, task, inputs: inputs ?? { type: 'range', start: 0, end: 0 } }, errors };
}

/** Which form field a service error is about, from its field path or its message. */
export function fieldOf(field: string, kind: 'copy' | 'compute'): FormField {
  const path = field.toLowerCase();
  if (path.includes('source')) return 'source';
  if (path.includes('destination')) return 'destination';
  if (path.includes('module')) return 'module';
  if (path.includes('input') || path.includes('range') || path.includes('start') || path.includes('end')) return 'inputs';
  if (kind === 'compute' && (path.includes('task') || path.includes('name') || path.includes('function'))) return 'function';
  return 'general';
}

export function serviceErrors(verdict: JobValidation, kind: 'copy' | 'compute'): FieldErrors {
  if (verdict.ok) return {};
  const errors: FieldErrors = {};
  for (const { field, message } of verdict.errors) {
    const at = fieldOf(field, kind);
    errors[at] = errors[at] ? `${errors[at]} ${message}` : message;
  }
  return errors;
}

/** An error thrown by submitJob, placed next to the field its message names first. */
export function errorFromMessage(message: string, kind: 'copy' | 'compute'): FieldErrors {
  const lower = message.toLowerCase();
  const words: Array<[string, FormField]> = kind === 'copy' ? [['source', 'source'], ['destination', 'destination']] : [['module', 'module'], ['function', 'function'], ['export', 'function'], ['input', 'inputs'], ['range', 'inputs']];
  const found = words.map(([word, field]) => [lower.indexOf(word), field] as const).filter(([at]) => at >= 0).sort((a, b) => a[0] - b[0]);
  return { [found[0]?.[1] ?? 'general']: message };
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some(Boolean);
}
