import { describe, expect, it } from 'vitest';
import { Cd4mlAggregateError, Cd4mlError } from '../errors.js';
import { parsePolicy } from './parse.js';

const DESIGN_EXAMPLE = `gate:
  rules:
    - { metric: accuracy, min: 0.90, max_decrease: 0.005, significant: true }
    - { metric: model.latency_p95_ms, max_increase_pct: 10 }
    - { metric: model.bytes, max: 50MB }
  missing_baseline: neutral
report: { history: 20, chart: [accuracy] }
deploy: { on_merge: tag }
`;

function errorsOf(text: string): Cd4mlError[] {
  try {
    parsePolicy(text, '.github/cd4ml.yml');
  } catch (error) {
    if (error instanceof Cd4mlAggregateError) return [...error.errors];
    throw error;
  }
  throw new Error('expected the policy to be rejected');
}

describe('parsePolicy', () => {
  it('reads the example of the design brief, with sizes in bytes', () => {
    const policy = parsePolicy(DESIGN_EXAMPLE);
    expect(policy.gate.rules).toEqual([
      { metric: 'accuracy', min: 0.9, max_decrease: 0.005, significant: true },
      { metric: 'model.latency_p95_ms', max_increase_pct: 10 },
      { metric: 'model.bytes', max: 50_000_000 },
    ]);
    expect(policy.report).toMatchObject({ history: 20, chart: ['accuracy'] });
    expect(policy.deploy.on_merge).toBe('tag');
  });

  it('reads durations in milliseconds and per-metric directions', () => {
    const policy = parsePolicy(
      'gate:\n  rules:\n    - { metric: stage.train.duration_ms, max: 10m }\nmetrics:\n  throughput_ms: { direction: higher }\n',
    );
    expect(policy.gate.rules[0]?.max).toBe(600_000);
    expect(policy.metrics.throughput_ms?.direction).toBe('higher');
  });

  it('treats an empty file as the default policy', () => {
    const policy = parsePolicy('');
    expect(policy.gate.rules).toEqual([]);
    expect(policy.gate.missing_baseline).toBe('neutral');
    expect(policy.report.history).toBe(20);
  });

  it('names file, line and field of an unknown key and suggests the nearest valid one', () => {
    const [error, ...rest] = errorsOf('gate:\n  rules:\n    - metric: accuracy\n      mni: 0.9\n');
    expect(rest.map((e) => e.message)).toEqual([expect.stringContaining('checks nothing')]);
    expect(error?.code).toBe('E_POLICY');
    expect(error?.location).toEqual({
      file: '.github/cd4ml.yml',
      line: 4,
      column: 7,
      field: 'gate.rules[0].mni',
    });
    expect(error?.message).toContain("unknown key 'mni'\n  hint: did you mean 'min'?");
  });

  it.each([
    ['gaet: {}\n', 'gate', 1],
    ['gate:\n  missing_baselin: fail\n', 'missing_baseline', 2],
    ['report:\n  histroy: 5\n', 'history', 2],
    ['deploy:\n  onmerge: tag\n', 'on_merge', 2],
    ['gate:\n  rules:\n    - { metric: a, max_decrese: 1 }\n', 'max_decrease', 3],
  ])('suggests for %j', (text, suggestion, line) => {
    const [error] = errorsOf(text);
    expect(error?.message).toContain(`did you mean '${suggestion}'?`);
    expect(error?.location?.line).toBe(line);
  });

  it('reports every problem at once, each at its line', () => {
    const errors = errorsOf(
      'gate:\n  rules:\n    - { metric: model.bytes, max: 3 parsecs }\n  missing_baseline: maybe\nreport: { history: -1 }\n',
    );
    expect(errors.map((e) => [e.location?.line, e.location?.field])).toEqual([
      [3, 'gate.rules[0].max'],
      [4, 'gate.missing_baseline'],
      [5, 'report.history'],
    ]);
    expect(errors[0]?.message).toContain('unknown unit "parsecs"');
    expect(errors[1]?.message).toContain('must be one of "pass", "neutral", "fail"');
  });

  it('rejects a rule that checks nothing', () => {
    const [error] = errorsOf('gate:\n  rules:\n    - metric: accuracy\n');
    expect(error?.message).toContain('rule for "accuracy" checks nothing');
    expect(error?.location?.line).toBe(3);
  });

  it('reports YAML syntax errors with a line', () => {
    const [error] = errorsOf('gate:\n  rules: [\n');
    expect(error?.message).toContain('invalid YAML');
    expect(error?.location?.line).toBeGreaterThanOrEqual(2);
  });

  it('reports a wrong top-level type', () => {
    expect(errorsOf('- a\n- b\n')[0]).toBeInstanceOf(Cd4mlError);
  });
});
