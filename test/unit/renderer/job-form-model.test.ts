import { describe, expect, it } from 'vitest';
import { buildSpec, emptyForm, errorFromMessage, parseInputs, serviceErrors } from '../../../src/renderer/lib/job-form-model.js';

describe('New job form model', () => {
  it('requires source and destination for a copy, and refuses the same folder twice', () => {
    expect(buildSpec(emptyForm()).errors).toEqual({ source: expect.any(String), destination: expect.any(String) });
    const same = buildSpec({ ...emptyForm(), source: '/a', destination: '/a' });
    expect(Object.keys(same.errors)).toEqual(['destination']);
    const good = buildSpec({ ...emptyForm('skip'), source: ' /a ', destination: '/b', verify: true });
    expect(good.errors).toEqual({});
    expect(good.spec).toEqual({ kind: 'copy', name: undefined, source: '/a', destination: '/b', onConflict: 'skip', verify: true });
  });

  it('reads ranges and paths as compute inputs', () => {
    expect(parseInputs('0:100')).toEqual({ type: 'range', start: 0, end: 100 });
    expect(parseInputs('5..9')).toEqual({ type: 'range', start: 5, end: 9 });
    expect(parseInputs('-3 - 4')).toEqual({ type: 'range', start: -3, end: 4 });
    expect(parseInputs('1000')).toEqual({ type: 'range', start: 0, end: 1000 });
    expect(parseInputs('/data/inputs.json')).toEqual({ type: 'path', path: '/data/inputs.json' });
    expect(parseInputs('  ')).toBeUndefined();
  });

  it('checks a compute job: module, function name, a non-empty range', () => {
    const base = { ...emptyForm(), kind: 'compute' as const };
    expect(Object.keys(buildSpec(base).errors).sort()).toEqual(['function', 'inputs', 'module']);
    expect(buildSpec({ ...base, module: '/m.js', fn: 'not a name', inputs: '0:1' }).errors).toEqual({ function: expect.stringContaining('not a function name') });
    expect(buildSpec({ ...base, module: '/m.js', fn: 'square', inputs: '5:5' }).errors).toEqual({ inputs: expect.stringContaining('empty') });
    const builtin = buildSpec({ ...base, taskMode: 'primes', inputs: '0:10' });
    expect(builtin.errors).toEqual({});
    expect(builtin.spec).toMatchObject({ kind: 'compute', task: { builtin: 'primes' }, inputs: { type: 'range', start: 0, end: 10 } });
  });

  it("puts the service's errors next to the field they are about", () => {
    const verdict = { ok: false as const, errors: [{ field: 'source', message: 'missing' }, { field: 'task.name', message: 'no such export' }, { field: 'spec', message: 'odd' }] };
    expect(serviceErrors(verdict, 'copy')).toEqual({ source: 'missing', general: 'no such export odd' });
    expect(serviceErrors(verdict, 'compute')).toEqual({ source: 'missing', function: 'no such export', general: 'odd' });
    expect(errorFromMessage('the destination /x is inside the source /', 'copy')).toEqual({ destination: 'the destination /x is inside the source /' });
    expect(errorFromMessage('the source /nope does not exist', 'copy')).toEqual({ source: 'the source /nope does not exist' });
  });
});
