import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDelta,
  formatDuration,
  formatNumber,
  formatPct,
  formatValue,
} from './format.js';

const nb = (text: string): string => text.replace(/ /g, '\u00a0');

describe('format', () => {
  it.each([
    [0.956, '0.956'],
    [0.98712, '0.9871'],
    [12.3456, '12.35'],
    [7043, '7,043'],
    [1234.56, '1,234.6'],
    [-0.25, '−0.25'],
    [0.00001, '1.00e−5'],
  ])('number %d → %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  it.each([
    [12, '12 B'],
    [1_240_000, '1.24 MB'],
    [50_000_000, '50 MB'],
    [3_000_000, '3 MB'],
    [-2_180_000, '−2.18 MB'],
  ])('bytes %d → %s', (value, text) => {
    expect(formatBytes(value)).toBe(nb(text));
  });

  it.each([
    [0.38, '0.38 ms'],
    [2.5, '2.5 ms'],
    [300, '300 ms'],
    [41_200, '41.2 s'],
    [129_000, '2m 09s'],
    [999.6, '1.0 s'],
    [59_940, '59.9 s'],
    [59_950, '1m 00s'],
    [60_000, '1m 00s'],
    [119_700, '2m 00s'],
    [3_599_600, '60m 00s'],
  ])('duration %d → %s', (value, text) => {
    expect(formatDuration(value)).toBe(nb(text));
  });

  it('picks the unit from the metric name and never shows a missing value as 0', () => {
    expect(formatValue('model.bytes', 1_240_000)).toBe(nb('1.24 MB'));
    expect(formatValue('model.latency_p95_ms', 0.61)).toBe(nb('0.61 ms'));
    expect(formatValue('accuracy', null)).toBe('—');
    expect(formatDelta('accuracy', null)).toBe('—');
    expect(formatDelta('accuracy', -0.018)).toBe('−0.018');
    expect(formatDelta('model.bytes', 2_180_000)).toBe(nb('+2.18 MB'));
    expect(formatPct(60.526)).toBe('+60.5%');
    expect(formatPct(-1.8828)).toBe('−1.88%');
    expect(formatPct(null)).toBe('—');
  });
});
