import { describe, expect, it } from 'vitest';
import {
  baseRun,
  fixturePolicy,
  headRun,
  historyRuns,
  policyText,
  predictions,
} from '../../compare/__fixtures__/records.js';
import { compare } from '../../compare/compare.js';
import { evaluatePolicy } from '../../policy/evaluate.js';
import type { Policy } from '../../policy/schema.js';
import type { RunRecord } from '../../run-record/schema.js';
import type { PredictionRow } from '../../stats/prediction-file.js';
import { pairedSignificance } from '../../stats/predictions.js';
import { REPORT_MARKER } from '../escape.js';
import { MAX_REPORT_CHARS, renderReport } from './index.js';

const IMPROVE_POLICY = `gate:
  rules:
    - { metric: accuracy, min: 0.90, max_decrease: 0.005, significant: true }
    - { metric: roc_auc, max_decrease_pct: 1 }
    - { metric: model.bytes, max: 50MB }
report: { history: 20, chart: [accuracy] }
`;

function report(
  base: RunRecord | null,
  head: RunRecord,
  policy: Policy,
  extra: { history?: RunRecord[]; base?: PredictionRow[]; head?: PredictionRow[] } = {},
): string {
  const significance =
    extra.base && extra.head
      ? pairedSignificance(extra.base, extra.head, policy.gate.significance)
      : null;
  const comparison = compare(base, head, policy, { history: extra.history ?? [], significance });
  return renderReport(
    comparison,
    evaluatePolicy(comparison, policy),
    {},
    { chart: policy.report.chart },
  );
}

/** 200 examples; the head fixes `fixed` examples the base got wrong and breaks `broken`. */
function pairedPredictions(
  fixed: number,
  broken: number,
): { base: PredictionRow[]; head: PredictionRow[] } {
  const base: PredictionRow[] = [];
  const head: PredictionRow[] = [];
  for (let i = 0; i < 200; i++) {
    const label = i % 3 === 0 ? 'churn' : 'stay';
    const other = label === 'churn' ? 'stay' : 'churn';
    const baseWrong = i < 20 || (i >= 20 && i < 20 + fixed);
    const headWrong = i < 20 || (i >= 100 && i < 100 + broken);
    base.push({ id: `e${i}`, label, prediction: baseWrong ? other : label });
    head.push({ id: `e${i}`, label, prediction: headWrong ? other : label });
  }
  return { base, head };
}

function withAccuracy(run: RunRecord, accuracy: number): RunRecord {
  return { ...run, metrics: { ...run.metrics, accuracy } };
}

describe('renderReport snapshots', () => {
  it('improved', async () => {
    const md = report(baseRun(), headRun(), policyText(IMPROVE_POLICY), {
      history: historyRuns(),
      base: predictions('base'),
      head: predictions('head'),
    });
    expect(md).toMatch(/^<!-- cd4ml:report -->\n### ✅ Model gate passed: all 3 gate rules passed/);
    await expect(md).toMatchFileSnapshot('__snapshots__/improved.md');
  });

  it('regressed (the fixture PR, whose p95 latency is over budget)', async () => {
    const md = report(baseRun(), headRun(), fixturePolicy(), {
      history: historyRuns(),
      base: predictions('base'),
      head: predictions('head'),
    });
    expect(md).toContain(
      '### ❌ Model gate failed: model.latency\\_p95\\_ms: increased by 60.5%, more than the allowed 25%',
    );
    await expect(md).toMatchFileSnapshot('__snapshots__/regressed.md');
  });

  it('significant drop: fails', async () => {
    // Swap the sides: the head loses 1.8 points of accuracy, clearly beyond noise.
    const md = report(headRun(), baseRun(), policyText(IMPROVE_POLICY), {
      base: predictions('head'),
      head: predictions('base'),
    });
    expect(md).toContain(
      '❌ Model gate failed: accuracy: decreased by 0.018, more than the allowed 0.005, and significantly so',
    );
    await expect(md).toMatchFileSnapshot('__snapshots__/significant-drop.md');
  });

  it('drop within noise: passes, and says why', async () => {
    const { base, head } = pairedPredictions(2, 4);
    const policy = policyText(IMPROVE_POLICY.replace('min: 0.90', 'min: 0.85'));
    const md = report(withAccuracy(baseRun(), 0.89), withAccuracy(headRun(), 0.88), policy, {
      base,
      head,
    });
    expect(md).toContain('### ✅ Model gate passed');
    expect(md).toContain('but within noise');
    await expect(md).toMatchFileSnapshot('__snapshots__/noise.md');
  });

  it('no baseline', async () => {
    const md = report(null, headRun(), policyText(IMPROVE_POLICY));
    expect(md).toContain(
      '### ⚠️ Model gate undecided: accuracy: no baseline run, max\\_decrease not checked',
    );
    expect(md).toContain('vs **no baseline run**');
    await expect(md).toMatchFileSnapshot('__snapshots__/no-baseline.md');
  });

  it('new metric', async () => {
    const head = headRun();
    head.metrics['eval.calibration_error'] = 0.031;
    const md = report(baseRun(), head, policyText(IMPROVE_POLICY));
    expect(md).toMatch(
      /\| 🆕\u00a0eval\.calibration\\_error <sub>new<\/sub> \| — \| 0\.031 \| — \| — \|/,
    );
    await expect(md).toMatchFileSnapshot('__snapshots__/new-metric.md');
  });

  it('removed metric, gated: fails', async () => {
    const head = headRun();
    delete head.metrics.roc_auc;
    const md = report(baseRun(), head, policyText(IMPROVE_POLICY));
    expect(md).toContain('### ❌ Model gate failed: roc\\_auc is missing from the head run');
    expect(md).toMatch(
      /\| ➖\u00a0\*\*roc\\_auc\*\* <sub>removed<\/sub> \| 0\.9871 \| — \| — \| — \|/,
    );
    await expect(md).toMatchFileSnapshot('__snapshots__/removed-metric.md');
  });

  it('huge report stays under the cap with visible cut notes', async () => {
    const { base, head } = hugeRuns();
    const md = report(base, head, policyText(IMPROVE_POLICY));
    expect(md.length).toBeLessThanOrEqual(MAX_REPORT_CHARS);
    expect(md).toContain('✂️');
    expect(md).toContain('9,969 more metrics under *All metrics* below.');
    expect(md.endsWith('This comment is updated on every run.</sub>\n')).toBe(true);
    await expect(md).toMatchFileSnapshot('__snapshots__/huge.md');
  });
});

export function hugeRuns(metrics = 10_000, params = 1_000): { base: RunRecord; head: RunRecord } {
  const base = baseRun();
  const head = headRun();
  for (let i = 0; i < metrics; i++) {
    const name = `eval.slice_${String(i).padStart(5, '0')}.${i % 2 ? 'f1' : 'loss'}`;
    base.metrics[name] = 0.5 + ((i * 7919) % 1000) / 2000;
    if (i % 10 !== 0)
      head.metrics[name] = base.metrics[name] + (((i * 104729) % 200) - 100) / 10_000;
  }
  for (let i = 0; i < params; i++) {
    base.params[`grid.p${i}`] = i;
    head.params[`grid.p${i}`] = i % 3 === 0 ? i + 1 : i;
  }
  return { base, head };
}

describe('renderReport alerts', () => {
  it('calls out moved data, with per-split row counts', () => {
    const base = baseRun();
    const head = headRun();
    base.stats = { 'data/stats.json': { rows: { train: 314, test: 142 } } };
    head.stats = { 'data/stats.json': { rows: { train: 300, test: 142 } } };
    const md = report(base, head, policyText(''));
    expect(md).toContain('> **The data moved:** 2 data deps changed');
    expect(md).toContain('rows.train 314 → 300 (−4.46%)');
    expect(md).not.toContain('rows.test 142');
  });

  it('calls out a breaking model signature change before the table', () => {
    const head = headRun();
    head.model = {
      ...head.model!,
      inputs: [{ name: 'features', type: 'float32', shape: ['batch', 32] }],
    };
    const md = report(baseRun(), head, policyText(''));
    expect(md).toContain(
      '### ⚠️ Model gate undecided: breaking change to the model signature \\(input features shape changed\\)',
    );
    expect(md.indexOf('> [!CAUTION]')).toBeLessThan(md.indexOf('| Metric |'));
    expect(md).toContain(
      '> - input <code>features</code> changed: float32 \\[batch, 30\\] → float32 \\[batch, 32\\]',
    );
  });
});

describe('renderReport trust', () => {
  it('warns about unverified fork metrics and gates them per policy', () => {
    const policy = policyText(IMPROVE_POLICY);
    const reason = "they come from a fork's workflow and trusted evaluation is off";
    const comparison = compare(baseRun(), headRun(), policy, { unverified: reason });
    const decision = evaluatePolicy(comparison, policy);
    expect(decision.conclusion).toBe('neutral');
    const md = renderReport(comparison, decision);
    expect(md).toContain('### ⚠️ Model gate undecided: the head metrics are unverified');
    expect(md).toContain('> [!WARNING]\n> **Unverified metrics:** they come from a fork');
    const strict = policyText(
      `${IMPROVE_POLICY.replace('gate:\n', 'gate:\n  unverified: fail\n')}`,
    );
    expect(
      evaluatePolicy(compare(baseRun(), headRun(), strict, { unverified: reason }), strict)
        .conclusion,
    ).toBe('failure');
  });
});

describe('renderReport escaping', () => {
  const hostile =
    'x|y</details><img src=x onerror=alert(1)> @everyone [pwn](https://evil.example) <!-- cd4ml:report --> ```';

  function hostileReport(): string {
    const base = baseRun();
    const head = headRun();
    base.metrics[hostile] = 1;
    head.metrics[hostile] = 2;
    head.params[hostile] = hostile;
    head.git.branch = hostile;
    head.candidates[hostile] = {
      stage: hostile,
      params: { [hostile]: hostile },
      metrics: { accuracy: 0.99 },
    };
    head.champion = hostile;
    head.deps[hostile] = { hash: hostile, bytes: 1 };
    head.stages[hostile] = { status: 'failed', attempts: 2, durationMs: 1, reason: hostile };
    head.model!.inputs.push({ name: hostile, type: hostile, shape: [hostile] });
    head.stats['data/stats.json'] = { [hostile]: hostile };
    head.ci!.runUrl = 'javascript:alert(1)';
    const policy = policyText(
      `gate:\n  rules:\n    - { metric: ${JSON.stringify(hostile)}, max: 1 }\nreport: { chart: [${JSON.stringify(hostile)}] }\n`,
    );
    return report(base, head, policy, { history: historyRuns() });
  }

  it('lets no run-record string become markup, a mention, a link or the marker', () => {
    const md = hostileReport();
    expect(md.split(REPORT_MARKER)).toHaveLength(2);
    expect(md.startsWith(REPORT_MARKER)).toBe(true);
    expect(md).not.toMatch(/<img/i);
    expect(md).not.toMatch(/<\/details><img/);
    expect(md).not.toMatch(/@everyone/);
    expect(md).not.toContain('](https://evil');
    expect(md).not.toContain('javascript:');
    // Every table row keeps its column count: no unescaped pipe leaked into a cell.
    for (const line of md.split('\n').filter((l) => l.startsWith('| ') && l.includes('x\\|y'))) {
      const header = md.split('\n').filter((l) => l.startsWith('|')).length;
      expect(header).toBeGreaterThan(0);
      expect(line.replace(/\\\|/g, '').split('|').length).toBeGreaterThanOrEqual(4);
    }
    const metricRow = md.split('\n').find((l) => /^\| \S+\u00a0\*\*x\\\|y/u.test(l))!;
    expect(metricRow.replace(/\\\|/g, '').split('|')).toHaveLength(9);
  });

  it('keeps Mermaid source free of quotes, brackets and directives from records', () => {
    const md = hostileReport();
    const chart = md.slice(
      md.indexOf('```mermaid'),
      md.indexOf('```', md.indexOf('```mermaid') + 10),
    );
    const title = chart.split('\n').find((l) => l.trim().startsWith('title'))!;
    expect(title).toMatch(
      /^ {2}title "[A-Za-z0-9 _.:/+-]+: (the base run|last \d+ runs on the base branch), then this PR"$/,
    );
    expect(chart.split('\n').slice(2).join('\n')).not.toContain('%%');
  });

  it('breaks the code fence a name could close', () => {
    const md = hostileReport();
    const fences = md.split('\n').filter((l) => l.startsWith('```'));
    expect(fences).toEqual(['```mermaid', '```']);
  });
});
