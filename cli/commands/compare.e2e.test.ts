// End to end: two real runs of the quickstart example (scikit-learn, ONNX export) on a
// main commit and a PR commit, then `cd4ml compare` and `cd4ml history` as a user runs them.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = resolve(import.meta.dirname, '../../bin/cd4ml.js');
const EXAMPLE = resolve(import.meta.dirname, '../../examples/quickstart');
// The example's stages run `python3`; Debian's has scikit-learn and onnx (see .ci/run).
const PATH = `/usr/bin${delimiter}${process.env.PATH ?? ''}`;
const POLICY = `gate:
  rules:
    - { metric: accuracy, min: 0.90, max_decrease: 0.005, significant: true }
    - { metric: model.latency_p95_ms, max: 50ms }
    - { metric: model.bytes, max: 50MB }
report: { history: 20, chart: [accuracy] }
`;

let dir: string;

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NO_COLOR: '1', PATH },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function git(...args: string[]): string {
  const result = run('git', ['-c', 'user.email=e2e@example.com', '-c', 'user.name=e2e', ...args]);
  if (result.code !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

function cd4ml(...args: string[]) {
  return run(process.execPath, [CLI, ...args]);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cd4ml-compare-e2e-'));
  const generated =
    /[/\\](\.cd4ml|cd4ml\.lock|cd4ml-run\.json|models|eval|model\.(onnx|pkl)|data[/\\](split|stats\.json))$/;
  cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => !generated.test(src) });
  // The test's own policy replaces the example's.
  mkdirSync(join(dir, '.github'), { recursive: true });
  writeFileSync(join(dir, '.github/cd4ml.yml'), POLICY);
  writeFileSync(
    join(dir, '.gitignore'),
    '.cd4ml/\nmodels/\neval/\n*.onnx\n*.pkl\ncd4ml.lock\ncd4ml-run.json\ndata/split/\ndata/stats.json\n',
  );
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-qm', 'quickstart');
  expect(cd4ml('run').code).toBe(0);
  // The PR: much stronger regularisation, same data and split.
  git('checkout', '-qb', 'feat/regularise');
  const params = readFileSync(join(dir, 'params.yaml'), 'utf8').replace(
    /C: \[.*\]/,
    'C: [0.001, 0.0003]',
  );
  writeFileSync(join(dir, 'params.yaml'), params);
  git('commit', '-qam', 'stronger regularisation');
  rmSync(join(dir, 'models'), { recursive: true, force: true });
  expect(cd4ml('run').code).toBe(0);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cd4ml compare on two real runs of the quickstart example', () => {
  it('compares the PR run with the main run and passes a drop the bootstrap calls noise', () => {
    const { code, stdout, stderr } = cd4ml('compare', '--format', 'json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as {
      conclusion: string;
      comparison: {
        base: { branch: string };
        head: { branch: string };
        params: Array<{ name: string }>;
        significance: {
          kind: string;
          paired: number;
          metrics: Array<{ name: string; delta: { low: number; high: number; estimate: number } }>;
        };
        candidates: { metric: string; rows: Array<{ name: string; champion: boolean }> };
        metrics: Array<{ name: string; base: number | null; head: number | null }>;
      };
      reasons: Array<{ metric: string; status: string; checks: Array<{ withinNoise?: boolean }> }>;
    };
    const c = json.comparison;
    expect([c.base.branch, c.head.branch]).toEqual(['main', 'feat/regularise']);
    expect(c.params.map((p) => p.name)).toContain('candidates.C');
    expect(c.significance).toMatchObject({ kind: 'classification', paired: 142 });
    const accuracy = c.significance.metrics.find((m) => m.name === 'accuracy')!;
    expect(accuracy.delta.estimate).toBeLessThan(-0.005);
    expect(c.candidates.metric).toBe('val_accuracy');
    expect(c.candidates.rows.filter((r) => r.champion)).toHaveLength(1);
    expect(c.metrics.find((m) => m.name === 'model.bytes')?.head).toBeGreaterThan(0);
    const rule = json.reasons.find((r) => r.metric === 'accuracy')!;
    // Either the interval reaches back to the allowed drop (noise: pass) or it does not (fail).
    const significant = -accuracy.delta.high > 0.005;
    expect(json.conclusion).toBe(significant ? 'failure' : 'success');
    expect(rule.checks.some((check) => check.withinNoise)).toBe(!significant);
  });

  it('prints the PR comment, and exits 1 when a stricter policy fails the drop', () => {
    const md = cd4ml('compare', '--format', 'md');
    expect(md.stdout.startsWith('<!-- cd4ml:report -->\n### ')).toBe(true);
    expect(md.stdout).toContain('<b>Significance</b>: accuracy −');
    writeFileSync(
      join(dir, 'strict.yml'),
      'gate:\n  rules:\n    - { metric: accuracy, max_decrease: 0.005 }\n',
    );
    const strict = cd4ml('compare', '--policy', 'strict.yml');
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(
      /^✖ gate failure: accuracy: decreased by 0\.0\d+, more than the allowed 0\.005/,
    );
  });

  it('shows the trend with cd4ml history', () => {
    const { code, stdout } = cd4ml('history', 'accuracy');
    expect(code).toBe(0);
    expect(stdout).toMatch(/main\s+success\s+0\.9\d+/);
    expect(stdout).toMatch(/feat\/regularise\s+success\s+0\.9\d+/);
  });
});
