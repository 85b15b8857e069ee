import { formatDelta, formatDuration, formatPct, formatValue } from '../../compare/format.js';
import type { Comparison } from '../../compare/types.js';
import type { TensorInfo } from '../../run-record/schema.js';
import { code, escapeMarkdown } from '../escape.js';
import { type Section, details, table } from './section.js';

type ModelDiff = NonNullable<Comparison['model']>;

/** How a signature entry changed, in words: `added: float32 [1, 4]`. */
export function signatureWords(
  kind: string,
  base: TensorInfo | null,
  head: TensorInfo | null,
): string {
  const desc = (t: TensorInfo | null): string =>
    t
      ? `${escapeMarkdown(t.type, 20)} \\[${t.shape.map((d) => escapeMarkdown(String(d ?? '?'), 20)).join(', ')}\\]`
      : '—';
  switch (kind) {
    case 'added':
      return `added: ${desc(head)}`;
    case 'removed':
      return `removed (was ${desc(base)})`;
    default:
      return `changed: ${desc(base)} → ${desc(head)}`;
  }
}

function tensorRows(tensors: readonly TensorInfo[], side: string): string[][] {
  return tensors.map((t) => [
    side,
    code(t.name, 60),
    code(t.type, 20),
    code(`[${t.shape.map((d) => String(d ?? '?')).join(', ')}]`, 80),
  ]);
}

function sizeTable({ base, head }: ModelDiff): string {
  const row = (
    label: string,
    name: string,
    b: number | null | undefined,
    h: number | null | undefined,
  ): string[] => {
    const d = b !== null && b !== undefined && h !== null && h !== undefined ? h - b : null;
    const pct = d !== null && b ? (d / Math.abs(b)) * 100 : null;
    return [
      label,
      formatValue(name, b),
      formatValue(name, h),
      formatDelta(name, d),
      formatPct(pct),
    ];
  };
  return table(
    ['', 'Base', 'Head', 'Δ', 'Δ%'],
    '|:--|--:|--:|--:|--:|',
    [
      row('Size', 'model.bytes', base?.bytes, head?.bytes),
      row('Latency p50', 'model.latency_p50_ms', base?.latency?.p50Ms, head?.latency?.p50Ms),
      row('Latency p95', 'model.latency_p95_ms', base?.latency?.p95Ms, head?.latency?.p95Ms),
    ],
    4000,
    (r) => r,
  );
}

function modelSummary(model: ModelDiff): string {
  const { base, head } = model;
  const size =
    base && head
      ? `${formatValue('model.bytes', base.bytes)} → ${formatValue('model.bytes', head.bytes)}`
      : formatValue('model.bytes', head?.bytes ?? base?.bytes);
  const p95 = head?.latency ? `, p95 ${formatDuration(head.latency.p95Ms)}` : '';
  const signature = model.breaking
    ? ', 💥 breaking signature change'
    : model.signature.length > 0
      ? ', signature extended'
      : base && head
        ? ', same signature'
        : '';
  return `<b>Model</b>: ${size}${p95}${signature}`;
}

/** The model file: size, latency, signature and how the signature changed. */
export const modelSection: Section = ({ comparison }, budget) => {
  const model = comparison.model;
  if (!model) return null;
  const { base, head } = model;
  const lines: string[] = [sizeTable(model)];
  lines.push(
    '',
    `**File:** ${head ? code(head.path, 100) : '—'} · sha256 ${head ? code(head.sha256.slice(0, 12), 12) : '—'}${model.changed ? (base ? ` (was ${code(base.sha256.slice(0, 12), 12)})` : '') : ' (unchanged)'}`,
  );
  if (head) {
    lines.push('', '**Signature**', '');
    lines.push(
      table(
        ['', 'Name', 'Type', 'Shape'],
        '|:--|:--|:--|:--|',
        [...tensorRows(head.inputs, 'input'), ...tensorRows(head.outputs, 'output')],
        Math.max(1000, budget / 2),
        (r) => r,
      ),
    );
  }
  if (model.signature.length > 0) {
    lines.push('', '**Signature changes**', '');
    for (const change of model.signature.slice(0, 50)) {
      lines.push(
        `- ${change.breaking ? '💥 **breaking**: ' : ''}${change.side} ${code(change.name, 60)} ${signatureWords(change.kind, change.base, change.head)}`,
      );
    }
  }
  return details(modelSummary(model), lines.join('\n'));
};
