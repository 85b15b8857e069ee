import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ColumnAccumulator } from './column.js';
import { HyperLogLog } from './hll.js';

/** A forced full collection, so a heap reading counts only what is still referenced. */
function collect(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('distinct counts at scale', () => {
  it('estimates 100 million distinct values within 5% (3σ of 2^12 registers), streamed', () => {
    const hll = new HyperLogLog();
    // Generated, never held: the sketch sees each value once, as a profile of a column would.
    for (let i = 0; i < 100_000_000; i++) hll.addNumber(i * 1.5 + 0.25);
    const estimate = hll.estimate();
    expect(Math.abs(estimate - 100_000_000) / 100_000_000).toBeLessThan(0.05);
  }, 120_000);

  it('estimates a million distinct strings within 5%', () => {
    const hll = new HyperLogLog();
    for (let i = 0; i < 1_000_000; i++) hll.add(`user-${i}@example.com`);
    expect(Math.abs(hll.estimate() - 1_000_000) / 1_000_000).toBeLessThan(0.05);
  });

  it('keeps a column of a million distinct strings in bounded memory, and says the count is an estimate', () => {
    collect();
    const before = process.memoryUsage().heapUsed;
    const column = new ColumnAccumulator('email');
    for (let i = 0; i < 1_000_000; i++) column.addText(`user-${i}@example.com`);
    collect();
    const grown = process.memoryUsage().heapUsed - before;
    // Held: ≤ 10,000 frequent values, a 20,000-number reservoir and 4 KiB of registers —
    // a few MB. Keeping every value would take over 60 MB.
    expect(grown).toBeLessThan(16 * 1024 * 1024);
    const profile = column.profile(1_000_000);
    expect(profile.distinctExact).toBe(false);
    expect(Math.abs(profile.distinct - 1_000_000) / 1_000_000).toBeLessThan(0.05);
    expect(profile.top).toHaveLength(10);
  }, 120_000);
});
