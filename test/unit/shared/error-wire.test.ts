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

  it('describe non-Error throws', () => {
    expect(toWireError('plain string')).toEqual({ name: 'Error', message: 'plain string' });
    expect(toWireError({ code: 3 }).message).toContain('{"code":3}');
  });
});
