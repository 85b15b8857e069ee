import { unitOf } from '../compare/format.js';
import type { Comparison } from '../compare/types.js';
import { escapeMermaid } from './escape.js';

/**
 * A Mermaid `xychart-beta` of one metric over the base branch's recent runs with this
 * PR's value last. The PR point also gets a bar, so it stands out from the trend line
 * (Mermaid's xychart has no per-point markers). `null` when there are fewer than two
 * points to draw.
 */
export function historyChart(comparison: Comparison, metric: string): string | null {
  const diff = comparison.metrics.find((m) => m.name === metric);
  if (!diff || diff.head === null) return null;
  const labels: string[] = [];
  const values: number[] = [];
  comparison.history.forEach((point, i) => {
    const value = diff.history[i];
    if (value === null || value === undefined || !Number.isFinite(value)) return;
    labels.push(escapeMermaid(point.commit ? point.commit.slice(0, 7) : point.id, 12));
    values.push(value);
  });
  if (values.length === 0) return null;
  labels.push('this PR');
  values.push(diff.head);
  // Mermaid prints raw axis numbers: show sizes in MB rather than 3400000.
  const inMegabytes = unitOf(metric) === 'bytes';
  if (inMegabytes) values.forEach((v, i) => (values[i] = v / 1e6));
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = max > min ? (max - min) * 0.15 : Math.max(Math.abs(max) * 0.01, 1e-9);
  const low = niceFloor(min - pad, max - min + 2 * pad);
  const high = niceCeil(max + pad, max - min + 2 * pad);
  const bars = values.map((v, i) => (i === values.length - 1 ? v : low));
  const name = escapeMermaid(metric);
  const axis = inMegabytes ? `${name} MB` : name;
  return [
    '```mermaid',
    '%%{init: {"xyChart": {"width": 760, "height": 280, "titleFontSize": 16, "xAxis": {"labelFontSize": 12}, "yAxis": {"labelFontSize": 12, "titleFontSize": 14}}, "themeVariables": {"xyChart": {"plotColorPalette": "#b6d7ff, #0969da"}}}}%%',
    'xychart-beta',
    `  title "${name}: ${values.length === 2 ? 'the base run' : `last ${values.length - 1} runs on the base branch`}, then this PR"`,
    `  x-axis [${labels.map((l) => `"${l}"`).join(', ')}]`,
    `  y-axis "${axis}" ${num(low)} --> ${num(high)}`,
    `  bar [${bars.map(num).join(', ')}]`,
    `  line [${values.map(num).join(', ')}]`,
    '```',
  ].join('\n');
}

function step(span: number): number {
  return 10 ** (Math.floor(Math.log10(span || 1)) - 1);
}

function niceFloor(value: number, span: number): number {
  const s = step(span);
  return Math.floor(value / s) * s;
}

function niceCeil(value: number, span: number): number {
  const s = step(span);
  return Math.ceil(value / s) * s;
}

/** Plain decimal for Mermaid (no exponent, no thousands separator), 6 significant digits. */
function num(value: number): string {
  return String(Number(value.toPrecision(6)));
}
