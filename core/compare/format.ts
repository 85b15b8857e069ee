/**
 * Number formatting shared by the gate's sentences and the renderers. Units are read
 * from the metric name: `*bytes` as sizes, `*_ms` as durations; everything else as a
 * plain number with about four significant digits.
 */
export type Unit = 'bytes' | 'ms' | 'plain';

export function unitOf(metric: string): Unit {
  const name = metric.toLowerCase();
  if (name.endsWith('bytes')) return 'bytes';
  if (name.endsWith('_ms') || name.endsWith('.ms')) return 'ms';
  return 'plain';
}

// `toLocaleString` builds a formatter per call; a report formats tens of thousands of numbers.
const formatters = new Map<number, Intl.NumberFormat>();
function formatter(digits: number): Intl.NumberFormat {
  let format = formatters.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      maximumFractionDigits: digits,
      minimumFractionDigits: 0,
    });
    formatters.set(digits, format);
  }
  return format;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (value !== 0 && (abs >= 1e12 || abs < 1e-4)) return value.toExponential(2).replace('-', '−');
  const digits = Number.isInteger(value)
    ? 0
    : abs >= 1000
      ? 1
      : Math.min(6, Math.max(0, 3 - Math.floor(Math.log10(abs))));
  return formatter(digits).format(value).replace('-', '−');
}

export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  const sign = bytes < 0 ? '−' : '';
  if (abs < 1000) return `${sign}${abs}\u00a0B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = abs;
  let unit = 'B';
  for (const next of units) {
    if (value < 1000) break;
    value /= 1000;
    unit = next;
  }
  const digits =
    value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
  return `${sign}${digits.replace(/\.0+$/, '')}\u00a0${unit}`;
}

/**
 * A duration for people: `0.38 ms`, `300 ms`, `41.2 s`, `2m 09s`. Rounded once, before the
 * unit is chosen, so 59.97 s is `1m 00s` (not `60.0 s`) and 119.7 s is `2m 00s` (not `1m 60s`).
 */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '−' : '';
  if (abs < 1) return `${sign}${abs.toFixed(3).replace(/0+$/, '').replace(/\.$/, '')}\u00a0ms`;
  if (Math.round(abs) < 1000)
    return `${sign}${abs < 10 ? abs.toFixed(2).replace(/\.?0+$/, '') : abs.toFixed(0)}\u00a0ms`;
  const tenths = Math.round(abs / 100);
  if (tenths < 600) return `${sign}${(tenths / 10).toFixed(1)}\u00a0s`;
  const seconds = Math.round(abs / 1000);
  return `${sign}${Math.floor(seconds / 60)}m\u00a0${String(seconds % 60).padStart(2, '0')}s`;
}

/** A metric value with its unit. */
export function formatValue(metric: string, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  switch (unitOf(metric)) {
    case 'bytes':
      return formatBytes(value);
    case 'ms':
      return formatDuration(value);
    default:
      return formatNumber(value);
  }
}

/** A signed change with its unit: `+0.018`, `−1.2 MB`, `+230 ms`. */
export function formatDelta(metric: string, delta: number | null | undefined): string {
  if (delta === null || delta === undefined) return '—';
  if (delta === 0) return '0';
  const body = formatValue(metric, Math.abs(delta));
  return `${delta > 0 ? '+' : '−'}${body}`;
}

export function formatPct(pct: number | null | undefined): string {
  if (pct === null || pct === undefined) return '—';
  if (pct === 0) return '0%';
  const abs = Math.abs(pct);
  const body = abs >= 100 ? abs.toFixed(0) : abs >= 10 ? abs.toFixed(1) : abs.toFixed(2);
  return `${pct > 0 ? '+' : '−'}${body}%`;
}

/** A p-value as the report and the gate's sentences print it: two significant digits. */
export function formatP(p: number): string {
  if (p < 0.0001) return '< 0.0001';
  return p.toPrecision(2);
}
