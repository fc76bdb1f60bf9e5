import { describe, expect, it } from 'vitest';
import { withThousands } from '../../../src/shared/thousands.js';

describe('withThousands', () => {
  it("groups a whole number's digits by three, as en-US does", () => {
    for (const n of [0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 1_234_567_890, -1234, -999, Number.MAX_SAFE_INTEGER]) {
      expect(withThousands(n)).toBe(n.toLocaleString('en-US'));
    }
  });

  it('rounds a fraction to the nearest whole number', () => {
    expect(withThousands(1234.4)).toBe('1,234');
    expect(withThousands(1234.5)).toBe('1,235');
  });
});
