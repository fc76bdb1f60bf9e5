import { describe, expect, it } from 'vitest';
import { runChunk } from '../../../src/workers/run-chunk.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('runChunk', () => {
  it('packs numeric results into one Float64Array, exactly (-0 and NaN too)', () => {
    const out = runChunk((x) => (x === 3 ? -0 : x === 4 ? NaN : (x as number) * 2), Float64Array.from(range(20)));
    expect(out).toBeInstanceOf(Float64Array);
    const list = Array.from(out as Float64Array);
    expect(Object.is(list[3], -0)).toBe(true);
    expect(list[4]).toBeNaN();
    expect(list[19]).toBe(38);
  });

  it('turns into a plain list, in order, at the first result that is not a number', () => {
    expect(runChunk((x) => ((x as number) < 17 ? x : `s${String(x)}`), range(20))).toEqual([...range(17), 's17', 's18', 's19']);
  });

  it('leaves a short chunk a list', () => {
    expect(runChunk((x) => (x as number) + 1, [1, 2, 3])).toEqual([2, 3, 4]);
    expect(runChunk((x) => x, [])).toEqual([]);
  });

  it('awaits promises in order, one call after the other, and packs what they resolve to', async () => {
    const calls: number[] = [];
    let running = 0;
    const call = async (x: unknown): Promise<number> => {
      expect(running++).toBe(0);
      calls.push(x as number);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running--;
      return (x as number) * 3;
    };
    const out = await (runChunk((x) => ((x as number) < 5 ? (x as number) * 3 : call(x)), range(20)) as Promise<unknown>);
    expect(Array.from(out as Float64Array)).toEqual(range(20).map((x) => x * 3));
    expect(calls).toEqual(range(15).map((x) => x + 5));
  });

  it('an error thrown by a call is thrown as it is', () => {
    expect(() => runChunk((x) => { if (x === 18) throw new RangeError('bad 18'); return x; }, range(20))).toThrow('bad 18');
  });
});
