import { describe, expect, it } from 'vitest';
import { parseQuantity } from './units.js';

describe('parseQuantity', () => {
  it.each([
    ['50MB', 50e6, 'bytes'],
    ['50 MB', 50e6, 'bytes'],
    ['1.5GiB', 1.5 * 1024 ** 3, 'bytes'],
    ['300kB', 300e3, 'bytes'],
    ['12B', 12, 'bytes'],
    ['250ms', 250, 'ms'],
    ['2s', 2000, 'ms'],
    ['5m', 300_000, 'ms'],
    ['1h', 3_600_000, 'ms'],
    ['0.9', 0.9, null],
    ['-3', -3, null],
  ])('%s → %d %s', (text, value, unit) => {
    expect(parseQuantity(text)).toEqual({ value, unit });
  });

  it.each(['fast', '3 parsecs', '', '1,5MB'])('rejects %j with a message', (text) => {
    expect(parseQuantity(text)).toHaveProperty('error');
  });
});
