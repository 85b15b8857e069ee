/**
 * `npm run bench:report`: how long compare + gate + render take on a big run record —
 * 10,000 metrics and 1,000 params on each side, 20 base-branch history runs, 10,000
 * per-example predictions — i.e. what the bot does for every PR push.
 *
 * Prints a markdown table (median and worst of the timed iterations after a warm-up).
 */
import { performance } from 'node:perf_hooks';
import { arch, cpus, platform } from 'node:os';
import { compare } from '../../core/compare/compare.js';
import { evaluatePolicy } from '../../core/policy/evaluate.js';
import { parsePolicy } from '../../core/policy/parse.js';
import { renderJson } from '../../core/report/json.js';
import { MAX_REPORT_CHARS, renderReport } from '../../core/report/markdown/index.js';
import { renderText } from '../../core/report/text.js';
import { parseRunRecord } from '../../core/run-record/parse.js';
import type { RunRecord } from '../../core/run-record/schema.js';
import type { PredictionRow } from '../../core/stats/prediction-file.js';
import { pairedSignificance } from '../../core/stats/predictions.js';

const METRICS = 10_000;
const PARAMS = 1_000;
const HISTORY = 20;
const EXAMPLES = 10_000;
const ITERATIONS = 15;
const CAP = MAX_REPORT_CHARS.toLocaleString('en-US');

function record(seed: number, id: string): RunRecord {
  const metrics: Record<string, number> = { accuracy: 0.9 + seed / 1000 };
  for (let i = 0; i < METRICS - 1; i++)
    metrics[`eval.slice_${i}.${i % 2 ? 'f1' : 'loss'}`] =
      0.5 + (((i + 1) * 7919 * (seed + 3)) % 1000) / 2000;
  const params: Record<string, number | string> = {};
  for (let i = 0; i < PARAMS; i++)
    params[`grid.group_${i % 50}.p${i}`] = i % 7 === 0 ? i + seed : `value-${i}`;
  return {
    schema: 'cd4ml/run@1',
    id,
    createdAt: `2026-11-${String(1 + (seed % 28)).padStart(2, '0')}T00:00:00Z`,
    status: 'success',
    pipeline: { file: 'cd4ml.yaml' },
    git: {
      commit: `${String(seed).padStart(8, '0')}${'a'.repeat(32)}`,
      branch: 'main',
      dirty: false,
    },
    event: 'push',
    timings: { startedAt: '', finishedAt: '', durationMs: 60_000 },
    stages: Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [
        `stage_${i}`,
        { status: 'ran' as const, attempts: 1, durationMs: 1000 * (i + seed) },
      ]),
    ),
    params,
    overrides: {},
    metrics,
    candidates: {},
    champion: null,
    model: {
      path: 'model.onnx',
      sha256: String(seed),
      bytes: 1_000_000 + seed,
      inputs: [{ name: 'x', type: 'float32', shape: ['batch', 30] }],
      outputs: [{ name: 'y', type: 'int64', shape: ['batch'] }],
      latency: { p50Ms: 1, p95Ms: 2 + seed / 100, runs: 100 },
    },
    predictions: null,
    deps: {},
    stats: {},
    env: { os: 'linux', arch: 'x64', node: 'v20', python: null, lockfiles: {} },
  };
}

function predictions(flip: number): PredictionRow[] {
  return Array.from({ length: EXAMPLES }, (_, i) => {
    const label = String(i % 2);
    const wrong = (i * 2654435761) % 100 < flip;
    const prediction = wrong ? String(1 - (i % 2)) : label;
    return { id: String(i), label, prediction, score: prediction === '1' ? 0.8 : 0.2 };
  });
}

function time<T>(fn: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = fn();
  return { result, ms: performance.now() - start };
}

function measure<T>(label: string, fn: () => T, rows: string[][]): T {
  const first = time(fn);
  const samples: number[] = [];
  let result = first.result;
  for (let i = 0; i < ITERATIONS; i++) {
    const run = time(fn);
    samples.push(run.ms);
    result = run.result;
  }
  samples.sort((a, b) => a - b);
  rows.push([
    label,
    first.ms.toFixed(1),
    samples[Math.floor(samples.length / 2)]!.toFixed(1),
    samples.at(-1)!.toFixed(1),
  ]);
  return result;
}

const policy = parsePolicy(`gate:
  rules:
    - { metric: accuracy, min: 0.85, max_decrease: 0.005, significant: true }
    - { metric: model.latency_p95_ms, max_increase_pct: 10 }
    - { metric: model.bytes, max: 50MB }
report: { history: ${HISTORY}, chart: [accuracy] }
`);
const base = record(1, 'base');
const head = record(2, 'head');
const history = Array.from({ length: HISTORY - 1 }, (_, i) => record(10 + i, `h${i}`));
const baseText = JSON.stringify(base);
const rows: string[][] = [];

const parsed = measure(
  'parse base record (untrusted limits + schema)',
  () => parseRunRecord(baseText, 'base.json'),
  rows,
);
const significance = measure(
  `paired bootstrap (accuracy, Brier, log loss) + McNemar, ${EXAMPLES.toLocaleString('en-US')} examples × 2,000 resamples`,
  () => pairedSignificance(predictions(8), predictions(7), policy.gate.significance),
  rows,
);
const comparison = measure(
  'compare (metrics, params, stages, model, history)',
  () => compare(parsed, head, policy, { history, significance }),
  rows,
);
const decision = measure('evaluatePolicy', () => evaluatePolicy(comparison, policy), rows);
const markdown = measure(
  `renderReport (markdown, ${CAP}-char cap)`,
  () => renderReport(comparison, decision, {}, { chart: ['accuracy'] }),
  rows,
);
measure('renderText', () => renderText(comparison, decision), rows);
const json = measure('renderJson', () => renderJson(comparison, decision), rows);
const total = measure(
  'compare + evaluatePolicy + renderReport (no bootstrap)',
  () => {
    const c = compare(parsed, head, policy, { history, significance });
    return renderReport(c, evaluatePolicy(c, policy), {}, { chart: ['accuracy'] });
  },
  rows,
);

const out = [
  `cd4ml bench:report — ${METRICS.toLocaleString('en-US')} metrics and ${PARAMS.toLocaleString('en-US')} params per run, ${HISTORY} history runs`,
  `node ${process.version}, ${platform()} ${arch()}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}`,
  '',
  '| Step | First call (ms) | Median (ms) | Worst (ms) |',
  '|:--|--:|--:|--:|',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
  '',
  `Markdown body: ${markdown.length.toLocaleString('en-US')} characters (cap ${CAP}); JSON: ${(json.length / 1e6).toFixed(1)} MB; conclusion: ${decision.conclusion}; total output ${total.length.toLocaleString('en-US')} characters.`,
];
process.stdout.write(`${out.join('\n')}\n`);
