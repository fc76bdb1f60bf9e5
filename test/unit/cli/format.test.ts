import { describe, expect, it } from 'vitest';
import { bytes, count, duration, itemCount, pathTail } from '../../../src/main/cli/format.js';

describe('the command line formats numbers as a person reads them', () => {
  it('counts with thousands separators, and says item or items', () => {
    expect(count(1234567)).toBe('1,234,567');
    expect(itemCount(0)).toBe('0 items');
    expect(itemCount(1)).toBe('1 item');
    expect(itemCount(2500)).toBe('2,500 items');
  });

  it('gives sizes in decimal units, three significant digits', () => {
    expect(bytes(999)).toBe('999 B');
    expect(bytes(1000)).toBe('1.0 kB');
    expect(bytes(12_345_678)).toBe('12.3 MB');
    expect(bytes(456_000_000_000)).toBe('456 GB');
  });

  it('gives durations in tenths of a second, then seconds, minutes and hours', () => {
    expect(duration(1234)).toBe('1.2s');
    expect(duration(42_000)).toBe('42s');
    expect(duration(125_000)).toBe('2m 05s');
    expect(duration(3 * 3600_000 + 7 * 60_000)).toBe('3h 07m');
    expect(duration(Number.NaN)).toBe('?');
  });

  it('cuts a long path from the left, at a folder where it can, so the name stays', () => {
    expect(pathTail('photos/IMG_1.jpg', 40)).toBe('photos/IMG_1.jpg');
    expect(pathTail('archive/2024/holidays/lisbon/day-3/IMG_2041.jpg', 30)).toBe('…/lisbon/day-3/IMG_2041.jpg');
    expect(pathTail('archive/2024/holidays/lisbon/day-3/IMG_2041.jpg', 30).length).toBeLessThanOrEqual(30);
    expect(pathTail('a-very-long-file-name-without-any-folder.txt', 20)).toBe('…hout-any-folder.txt');
  });
});
