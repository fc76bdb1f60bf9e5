/**
 * Reading the command line with node:util parseArgs: the global --db (allowed before or
 * after the command), each command's own options, and the checks on their values. Every
 * problem is a UsageError that names the option and what it expects.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './exit-codes.js';

export interface Invocation {
  command: string | undefined;
  /** The arguments after the command, --db removed. */
  args: string[];
  db: string | undefined;
}

export function splitGlobal(argv: readonly string[]): Invocation {
  const args: string[] = [];
  let db: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      args.push(...argv.slice(i));
      break;
    }
    if (arg === '--db') {
      const value = argv[++i];
      if (value === undefined || value === '') throw new UsageError('--db needs a path: --db PATH');
      db = value;
    } else if (arg.startsWith('--db=')) {
      db = arg.slice('--db='.length);
      if (db === '') throw new UsageError('--db needs a path: --db=PATH');
    } else {
      args.push(arg);
    }
  }
  const index = args.findIndex((arg) => !arg.startsWith('-'));
  if (index === -1) return { command: undefined, args, db };
  return { command: args[index], args: [...args.slice(0, index), ...args.slice(index + 1)], db };
}

type Options = NonNullable<ParseArgsConfig['options']>;
type WithHelp<O extends Options> = O & { help: { type: 'boolean'; short: 'h' } };
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: WithHelp<O>; allowPositionals: true; strict: true }>>;

export function parseCommand<O extends Options>(args: string[], options: O): Parsed<O> {
  try {
    const withHelp = { ...options, help: { type: 'boolean', short: 'h' } } as WithHelp<O>;
    return parseArgs({ args: joinNegativeValues(args, options), options: withHelp, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(usageMessage((error as Error).message));
  }
}

/** parseArgs's messages, shortened to what a person needs. */
function usageMessage(message: string): string {
  const noValue = /^Option '(--[\w-]+)(?: <value>)?' argument (?:missing|is ambiguous)/.exec(message);
  if (noValue) return `${noValue[1]} needs a value`;
  return message.replace(/\. To specify a positional argument.*$/s, '.');
}

/**
 * `--range -5:5` as `--range=-5:5`: parseArgs refuses a value that starts with a dash (it may
 * be an option forgotten its value), but a number never is one.
 */
function joinNegativeValues(args: string[], options: Options): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return [...joined, ...args.slice(i)];
    const next = args[i + 1];
    if (arg.startsWith('--') && options[arg.slice(2)]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

export function positiveInt(option: string, value: string | undefined, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
    const allowed = max === Number.MAX_SAFE_INTEGER ? 'of 1 or more' : `from 1 to ${max}`;
    throw new UsageError(`${option} must be a whole number ${allowed}, got '${value}'`);
  }
  return Number(value);
}

export function port(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`--port must be a port number from 0 to 65535, got '${value}'`);
  return Number(value);
}

/** START:END, integers, END excluded. */
export function range(value: string): { start: number; end: number } {
  const match = /^(-?\d+):(-?\d+)$/.exec(value.trim());
  if (!match) throw new UsageError(`--range must be START:END with whole numbers (END excluded), e.g. --range 0:100; got '${value}'`);
  const [start, end] = [Number(match[1]), Number(match[2])];
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) throw new UsageError(`--range ${value}: the numbers are too large`);
  if (end < start) throw new UsageError(`--range ${value}: END (${end}) is before START (${start})`);
  return { start, end };
}

export function jobId(command: string, value: string | undefined): number {
  if (value === undefined) throw new UsageError(`${command} needs a job ID ('procpool jobs' lists them)`);
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${command}: '${value}' is not a job ID (a whole number, as 'procpool jobs' lists)`);
  return Number(value);
}

export function expectPositionals(command: string, positionals: string[], names: string[]): void {
  if (positionals.length < names.length) {
    throw new UsageError(`${command} needs ${names.join(' ')}: ${names.slice(positionals.length).join(' ')} ${names.length - positionals.length === 1 ? 'is' : 'are'} missing`);
  }
  if (positionals.length > names.length) throw new UsageError(`${command} takes ${names.join(' ')}; unexpected '${positionals[names.length]}'`);
}
