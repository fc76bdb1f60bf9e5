/**
 * What a compute job keeps of a result is JSON text. A value JSON would silently turn into
 * null or leave out (a function, a symbol) fails its input, as a structured clone would; an
 * Error keeps its name and message rather than becoming {}.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { endTask, workerContext } from '../../../src/workers/context.js';
import { mapItems, probeExport, toJsonText } from '../../../src/workers/tasks/map-items.js';

const module = new URL('../../fixtures/compute-module.mjs', import.meta.url).pathname;

afterEach(() => {
  endTask();
  workerContext().send = () => {};
});

describe('a compute result as JSON text', () => {
  it('keeps what JSON can say: undefined as null, BigInt as a string, an Error as its name and message', () => {
    expect(toJsonText(undefined)).toBe('null');
    expect(toJsonText({ n: 2n ** 64n })).toBe('{"n":"18446744073709551616"}');
    expect(toJsonText(new RangeError('too far'))).toBe('{"name":"RangeError","message":"too far"}');
  });

  it('refuses a function or a symbol, at the top or inside, saying where', () => {
    expect(() => toJsonText(() => 1)).toThrow("the result is a function, which cannot be kept as JSON");
    expect(() => toJsonText({ ok: 1, format: () => 'x' })).toThrow("the result holds, at 'format', a function");
    expect(() => toJsonText([Symbol('s')])).toThrow("the result holds, at '0', a symbol");
  });

  it('fails the input whose result is a function, and goes on with the others', async () => {
    const outcomes = await mapItems({ module, name: 'functionForTwo' }, [1, 2, 3]);
    expect(outcomes).toEqual([
      { ok: true, json: '1' },
      { ok: false, error: { name: 'TypeError', message: expect.stringContaining('the result is a function') as string } },
      { ok: true, json: '3' },
    ]);
  });
});

it('says an export that is not a function is exported, and what it is', async () => {
  await expect(probeExport(module, 'notAFunction')).rejects.toThrow(`the module ${module} exports 'notAFunction', but it is a number, not a function`);
  await expect(probeExport(module, 'missing')).rejects.toThrow("has no exported function 'missing' (it exports: ");
});
