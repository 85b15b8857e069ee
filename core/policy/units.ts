/**
 * Quantities in a policy: a plain number, a size (`50MB`, `1.5 GiB`, `300kB`) in bytes,
 * or a duration (`250ms`, `2s`, `5m`, `1h`) in milliseconds. Decimal prefixes are
 * powers of 1000 (as disks and GitHub's UI count), binary ones (`KiB`, `MiB`) of 1024.
 */
export type Quantity = { value: number; unit: 'bytes' | 'ms' | null };

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};
const DURATION_UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
};

const PATTERN = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*([a-z]*)\s*$/i;

/** Parses a quantity, or returns an error message naming the accepted forms. */
export function parseQuantity(text: string): Quantity | { error: string } {
  const match = PATTERN.exec(text);
  if (!match) return { error: `"${text}" is not a number, a size (50MB) or a duration (2s)` };
  const number = Number(match[1]);
  const unit = (match[2] ?? '').toLowerCase();
  if (unit === '') return { value: number, unit: null };
  const size = SIZE_UNITS[unit];
  if (size !== undefined) return { value: number * size, unit: 'bytes' };
  const duration = DURATION_UNITS[unit];
  if (duration !== undefined) return { value: number * duration, unit: 'ms' };
  return {
    error: `unknown unit "${match[2]}" in "${text}": use B, kB, MB, GB, KiB, MiB, GiB, ms, s, m or h`,
  };
}
