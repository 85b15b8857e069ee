import { copyFileSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { baseRun, headRun, historyRuns } from '../../core/compare/__fixtures__/records.js';
import type { RunRecord } from '../../core/run-record/schema.js';
import { saveRun } from '../../core/store/local-store.js';
import { runCli } from '../testing.js';

const fixtures = new URL('../../core/compare/__fixtures__/', import.meta.url).pathname;
const FAILING_POLICY = `gate:
  rules:
    - { metric: accuracy, min: 0.90, max_decrease: 0.005, significant: true }
    - { metric: model.latency_p95_ms, max_increase_pct: 25 }
report: { history: 5, chart: [accuracy] }
`;
const PASSING_POLICY =
  'gate:\n  rules:\n    - { metric: accuracy, min: 0.90, max_decrease: 0.005, significant: true }\n';

let root: string;
let baseCommit: string;
let headCommit: string;

function at(record: RunRecord, commit: string, branch: string): RunRecord {
  return { ...record, git: { ...record.git, commit, branch } };
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cd4ml-compare-'));
  const git = simpleGit(root);
  await git.init(['-b', 'main']);
  await git.addConfig('user.email', 'test@example.com').addConfig('user.name', 'test');
  mkdirSync(join(root, '.github'));
  writeFileSync(join(root, '.github/cd4ml.yml'), FAILING_POLICY);
  writeFileSync(join(root, '.gitignore'), '.cd4ml/\n');
  await git.add('.').commit('policy');
  // Three earlier runs on main, then the base run, each on its own commit.
  const history = historyRuns().slice(-3);
  for (const [i, record] of history.entries()) {
    writeFileSync(join(root, 'version.txt'), String(i));
    await git.add('.').commit(`main ${i}`);
    await saveRun(root, at(record, (await git.revparse(['HEAD'])).trim(), 'main'));
  }
  writeFileSync(join(root, 'version.txt'), 'base');
  await git.add('.').commit('main base');
  baseCommit = (await git.revparse(['HEAD'])).trim();
  await saveRun(root, at(baseRun(), baseCommit, 'main'), {
    'base-predictions.csv': join(fixtures, 'base-predictions.csv'),
  });
  await git.checkoutLocalBranch('feat/gbdt');
  writeFileSync(join(root, 'version.txt'), 'head');
  // The PR also tries to loosen its own gate: the base branch's policy must still apply.
  writeFileSync(join(root, '.github/cd4ml.yml'), 'gate: { rules: [] }\n');
  await git.add('.').commit('feature');
  headCommit = (await git.revparse(['HEAD'])).trim();
  await saveRun(root, at(headRun(), headCommit, 'feat/gbdt'), {
    'head-predictions.csv': join(fixtures, 'head-predictions.csv'),
  });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

describe('cd4ml compare', () => {
  it('defaults to the latest run vs the merge-base run, with the base branch policy, and exits 1 on a failed gate', async () => {
    const { code, stdout } = await runCli('compare', '--root', root, '--format', 'md');
    expect(code).toBe(1);
    expect(
      stdout.startsWith(
        '<!-- cd4ml:report -->\n### ❌ Model gate failed: model.latency\\_p95\\_ms',
      ),
    ).toBe(true);
    expect(stdout).toContain(`vs **base** [\`${baseCommit.slice(0, 7)}\`]`);
    expect(stdout).toContain('<b>Significance</b>: accuracy +0.018, 95% CI');
    // Three earlier main runs + the base run, then the PR.
    expect(stdout).toMatch(
      /\| 🟢\u00a0\*\*accuracy\*\* \| 0\.956 \| 0\.974 \| \+0\.018 <sub>±[\d.]+<\/sub> \| \+1\.88% \| \S{5} \|/u,
    );
  });

  it('exits 0 when the gate passes, and prints text by default', async () => {
    const policy = join(root, 'passing.yml');
    writeFileSync(policy, PASSING_POLICY);
    const { code, stdout } = await runCli('compare', '--root', root, '--policy', policy);
    expect(code).toBe(0);
    expect(stdout).toContain('✔ gate success: the gate rule passed');
    expect(stdout).toContain('McNemar: head fixes 24, breaks 6');
  });

  it('takes explicit record files and a git ref as base', async () => {
    const base = join(root, 'base-copy.json');
    writeFileSync(base, JSON.stringify(at(baseRun(), baseCommit, 'main')));
    const json = JSON.parse(
      (await runCli('compare', '--root', root, '--base', base, '--format', 'json')).stdout,
    );
    expect(json).toMatchObject({ schema: 'cd4ml/compare@1', conclusion: 'failure' });
    // The copy has no predictions next to it: no significance, and a note saying why.
    expect(json.comparison.significance).toBeNull();
    const byRef = JSON.parse(
      (await runCli('compare', '--root', root, '--base', 'main', '--format', 'json')).stdout,
    );
    expect(byRef.comparison.base.commit).toBe(baseCommit);
    expect(byRef.comparison.history).toHaveLength(4);
  });

  it('on the default branch, compares with the nearest earlier run', async () => {
    const git = simpleGit(root);
    await git.checkout('main');
    try {
      writeFileSync(join(root, 'version.txt'), 'main next');
      await git.add('version.txt').commit('main next');
      const next = (await git.revparse(['HEAD'])).trim();
      const path = join(root, 'next.json');
      writeFileSync(path, JSON.stringify(at(headRun(), next, 'main')));
      const json = JSON.parse(
        (await runCli('compare', '--root', root, '--head', path, '--format', 'json')).stdout,
      ) as {
        comparison: { base: { commit: string }; notes: string[] };
      };
      expect(json.comparison.base.commit).toBe(baseCommit);
      expect(json.comparison.notes.join(' ')).toContain('compared with the nearest earlier run');
    } finally {
      await git.reset(['--hard', baseCommit]);
      await git.checkout('feat/gbdt');
    }
  });

  it('exits 2 with file:line for an invalid policy', async () => {
    const policy = join(root, 'bad.yml');
    writeFileSync(policy, 'gate:\n  rules:\n    - { metric: accuracy, mni: 0.9 }\n');
    const { code, stderr } = await runCli('compare', '--root', root, '--policy', policy);
    expect(code).toBe(2);
    expect(stderr).toContain(`${policy}:3:`);
    expect(stderr).toContain("unknown key 'mni'\n  hint: did you mean 'min'?");
  });

  it.each([
    [['--head', '/nonexistent/run.json'], 'cannot read run record'],
    [['--base', 'no-such-branch'], 'is neither a run record file nor a git ref'],
    [['--format', 'html'], 'unknown --format "html"'],
  ])('exits 2 for %j', async (args, message) => {
    const { code, stderr } = await runCli('compare', '--root', root, ...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('exits 2 for a malformed run record', async () => {
    const bad = join(root, 'bad-run.json');
    writeFileSync(bad, JSON.stringify({ ...headRun(), metrics: { accuracy: 'high' } }));
    const { code, stderr } = await runCli('compare', '--root', root, '--head', bad);
    expect(code).toBe(2);
    expect(stderr).toContain('metrics.accuracy');
  });

  it('refuses predictions outside the record directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd4ml-hostile-'));
    const hostile = {
      ...at(headRun(), headCommit, 'x'),
      predictions: { file: '../../../etc/passwd', source: 'x', sha256: 'x', rows: 1 },
    };
    writeFileSync(join(dir, 'run.json'), JSON.stringify(hostile));
    const { stdout } = await runCli(
      'compare',
      '--root',
      root,
      '--head',
      join(dir, 'run.json'),
      '--format',
      'json',
    );
    const notes = (JSON.parse(stdout) as { comparison: { notes: string[] } }).comparison.notes;
    expect(notes.join(' ')).toContain("leaves the record's directory");
    rmSync(dir, { recursive: true });
  });

  it('has no baseline outside git, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd4ml-nogit-'));
    copyFileSync(join(fixtures, 'head.json'), join(dir, 'head.json'));
    const { code, stdout } = await runCli(
      'compare',
      '--root',
      dir,
      '--head',
      join(dir, 'head.json'),
      '--format',
      'md',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('vs **no baseline run**');
    expect(stdout).toContain('Not a git repository: no baseline to compare with.');
    rmSync(dir, { recursive: true });
  });
});

describe('cd4ml history', () => {
  it('prints the trend of the policy metrics', async () => {
    const { code, stdout } = await runCli('history', '--root', root);
    expect(code).toBe(0);
    expect(stdout).toMatch(/accuracy\s+\S*▁\S*█/u);
    expect(stdout).toContain('+0.018 vs the run before');
  });

  it('prints JSON for a chosen metric, missing values as null', async () => {
    const { stdout } = await runCli(
      'history',
      'accuracy',
      'model.bytes',
      'nope',
      '--root',
      root,
      '--format',
      'json',
      '-n',
      '3',
    );
    const json = JSON.parse(stdout) as { runs: Array<{ metrics: Record<string, number | null> }> };
    expect(json.runs).toHaveLength(3);
    expect(json.runs.at(-1)?.metrics).toEqual({
      accuracy: 0.974,
      'model.bytes': 3_420_000,
      nope: null,
    });
  });

  it('exits 2 on a bad limit or an empty store', async () => {
    expect((await runCli('history', '--root', root, '-n', '0')).code).toBe(2);
    const empty = mkdtempSync(join(tmpdir(), 'cd4ml-empty-'));
    expect((await runCli('history', '--root', empty)).stderr).toContain(
      'no runs in the local store',
    );
    rmSync(empty, { recursive: true });
  });
});
