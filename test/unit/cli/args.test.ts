import { describe, expect, it } from 'vitest';
import { parseCommand, positiveInt } from '../../../src/main/cli/args.js';
import { UsageError } from '../../../src/main/cli/exit-codes.js';

const options = { range: { type: 'string' }, processes: { type: 'string' }, json: { type: 'boolean' } } as const;

function usageError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('parseCommand', () => {
  it('takes a negative number as an option value, spaced or with =', () => {
    expect(parseCommand(['--range', '-5:5'], options).values.range).toBe('-5:5');
    expect(parseCommand(['--processes', '-1', 'src'], options)).toMatchObject({ values: { processes: '-1' }, positionals: ['src'] });
    expect(parseCommand(['--range=-5:5'], options).values.range).toBe('-5:5');
  });

  it('after --, everything is a positional', () => {
    expect(parseCommand(['--', '--range', '-5'], options).positionals).toEqual(['--range', '-5']);
  });

  it('an option without its value, or followed by another option, says it needs a value', () => {
    expect(usageError(() => parseCommand(['--range'], options))).toBe('--range needs a value');
    expect(usageError(() => parseCommand(['--range', '--json'], options))).toBe('--range needs a value');
  });

  it('an unknown option is named, with no prefix of its own (the CLI adds "procpool COMMAND:")', () => {
    expect(usageError(() => parseCommand(['--fast'], options))).toBe("Unknown option '--fast'.");
  });
});

describe('positiveInt', () => {
  it('says the range it accepts, with or without a maximum', () => {
    expect(positiveInt('--processes', '4', 256)).toBe(4);
    expect(positiveInt('--chunksize', undefined)).toBeUndefined();
    expect(usageError(() => positiveInt('--processes', '0', 256))).toBe("--processes must be a whole number from 1 to 256, got '0'");
    expect(usageError(() => positiveInt('--chunksize', '-1'))).toBe("--chunksize must be a whole number of 1 or more, got '-1'");
  });
});
