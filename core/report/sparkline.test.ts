import { describe, expect, it } from 'vitest';
import { sparkline } from './sparkline.js';

describe('sparkline', () => {
  it.each([
    [[1, 2, 3, 4, 5, 6, 7, 8], '▁▂▃▄▅▆▇█'],
    [[5, 5, 5], '▄▄▄'],
    [[1, null, 8], '▁·█'],
    [[], ''],
    [[null], ''],
  ])('%j → %s', (values, expected) => {
    expect(sparkline(values)).toBe(expected);
  });
});
