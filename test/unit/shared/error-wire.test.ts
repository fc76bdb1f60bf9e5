import { describe, expect, it } from 'vitest';
import { fromWireError, toWireError } from '../../../src/shared/error-wire.js';
import { TimeoutError, WorkerExitedError } from '../../../src/shared/errors.js';

describe('errors across a boundary', () => {
  it('keep class, name, message, code and fields', () => {
    const original = new WorkerExitedError('worker died', { pid: 12, exitcode: -9, signal: 'SIGKILL' });
    const rebuilt = fromWireError(toWireError(original)) as WorkerExitedError;
    expect(rebuilt).toBeInstanceOf(WorkerExitedError);
    expect(rebuilt.name).toBe('WorkerExitedError');
    expect(rebuilt.message).toBe('worker died');
    expect(rebuilt.pid).toBe(12);
    expect(rebuilt.signal).toBe('SIGKILL');

    const fsError = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', path: '/x' });
    const back = fromWireError(toWireError(fsError)) as Error & { code: string; path: string };
    expect(back.code).toBe('ENOENT');
    expect(back.path).toBe('/x');
  });

  it('rebuild built-in classes and append the other side of the stack', () => {
    const rebuilt = fromWireError(toWireError(new RangeError('bad')), 'at caller');
    expect(rebuilt).toBeInstanceOf(RangeError);
    expect(rebuilt.stack).toContain('RangeError: bad');
    expect(rebuilt.stack).toContain('at caller');
    expect(fromWireError({ name: 'TimeoutError', message: 't' })).toBeInstanceOf(TimeoutError);
    expect(fromWireError({ name: 'CustomError', message: 'c' }).name).toBe('CustomError');
  });

  it('describe non-Error throws, keeping their plain fields', () => {
    expect(toWireError('plain string')).toEqual({ name: 'Error', message: 'plain string' });
    const thrown = fromWireError(toWireError({ code: 3, reason: 'full', nested: { no: 1 } })) as Error & { code: number; reason: string };
    expect(thrown.message).toContain('{"code":3');
    expect(thrown).toMatchObject({ code: 3, reason: 'full' });
  });

  it("keep a cause, and an AggregateError's errors, with their classes", () => {
    const cause = Object.assign(new RangeError('too big'), { code: 'E_BIG' });
    const rebuilt = fromWireError(toWireError(new Error('outer', { cause })));
    expect(rebuilt.cause).toBeInstanceOf(RangeError);
    expect(rebuilt.cause).toMatchObject({ message: 'too big', code: 'E_BIG' });
    expect(Object.keys(rebuilt)).not.toContain('cause');

    const aggregate = fromWireError(toWireError(new AggregateError([new TypeError('a'), 'b'], 'two failed'))) as AggregateError;
    expect(aggregate).toBeInstanceOf(AggregateError);
    expect(aggregate.errors.map((e: Error) => [e.name, e.message])).toEqual([['TypeError', 'a'], ['Error', 'b']]);
  });

  it('follow causes only so deep: a cycle cannot run away', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    a.cause = b;
    let depth = 0;
    for (let wire: ReturnType<typeof toWireError> | undefined = toWireError(a); wire; wire = wire.cause) depth++;
    expect(depth).toBe(5);
  });
});
