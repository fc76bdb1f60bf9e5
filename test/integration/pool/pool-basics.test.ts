import { afterEach, describe, expect, it } from 'vitest';
import { Pool } from '../../../src/main/index.js';
import { tasks } from '../../helpers.js';

let pool: Pool | undefined;
afterEach(async () => {
  await pool?.terminate();
  pool = undefined;
});

describe('Pool basics', () => {
  it('applies a module export, an inline function and a default-module export', async () => {
    pool = new Pool({ processes: 2, module: tasks });
    expect(await pool.apply({ module: tasks, name: 'square' }, [7])).toBe(49);
    expect(await pool.apply((a: number, b: number) => a + b, [2, 3])).toBe(5);
    expect(await pool.apply('square', [9])).toBe(81);
  });
});
