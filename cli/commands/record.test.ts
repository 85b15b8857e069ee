// `cd4ml record` on real runs: a pipeline of plain node scripts run by `cd4ml run` in a
// temporary git repository, on main and on a PR branch; then `cd4ml compare` reads the
// same two runs as artifact directories, their zips and store records.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { simpleGit } from 'simple-git';
import { describe, expect, it } from 'vitest';
import { baseRun } from '../../core/compare/__fixtures__/records.js';
import type { RunHistory } from '../../core/run-artifact/history.js';
import type { ArtifactManifest } from '../../core/run-artifact/layout.js';
import { listRuns } from '../../core/store/local-store.js';
import { tempProjects } from '../../core/testing/project.js';
import { runCli } from '../testing.js';

const PIPELINE = `stages:
  evaluate:
    cmd: node eval.js
    deps: [eval.js, data/stats.json]
    params: [threshold]
    outs: [eval/predictions.csv, eval/roc.csv]
    metrics:
      - eval/metrics.json: { cache: false }
    plots:
      - eval/roc.csv
predictions: eval/predictions.csv
stats: [data/stats.json]
`;
// Deterministic predictions of 300 examples; the threshold moves a handful of them.
const EVAL = `const fs = require('node:fs');
const t = Number(/threshold: ([\\d.]+)/.exec(fs.readFileSync('params.yaml', 'utf8'))[1]);
fs.mkdirSync('eval', { recursive: true });
let rows = 'id,label,prediction\\n', right = 0;
for (let i = 0; i < 300; i++) {
  const score = ((i * 7919) % 1000) / 1000, label = (i * 31) % 7 < 4 ? 1 : 0;
  const guess = (score + (label ? 0.35 : 0)) > t ? 1 : 0;
  rows += 'ex-' + i + ',' + label + ',' + guess + '\\n';
  right += guess === label;
}
fs.writeFileSync('eval/predictions.csv', rows);
fs.writeFileSync('eval/metrics.json', JSON.stringify({ accuracy: right / 300 }));
fs.writeFileSync('eval/roc.csv', 'fpr,tpr\\n0,0\\n1,1\\n');
`;
const POLICY =
  'gate:\n  rules:\n    - { metric: accuracy, max_decrease: 0.5, significant: true }\nreport: { history: 5 }\n';

const project = tempProjects();
let dir: string;
let baseDir: string;
let headDir: string;

function zipDir(root: string): Uint8Array {
  const entries: Zippable = {};
  const walk = (at: string): void => {
    for (const item of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, item.name);
      if (item.isDirectory()) walk(path);
      else entries[relative(root, path)] = readFileSync(path);
    }
  };
  walk(root);
  return zipSync(entries);
}

async function run(...args: string[]) {
  const result = await runCli(...args);
  if (result.code !== 0) throw new Error(`cd4ml ${args.join(' ')}: ${result.stderr}`);
  return result;
}

describe('cd4ml record on real runs', () => {
  it('writes the run artifact: record, manifest, history and the files it points to', async () => {
    const p = project({
      'cd4ml.yaml': PIPELINE,
      'eval.js': EVAL,
      'params.yaml': 'threshold: 0.5\n',
      'data/stats.json': '{"rows": 300}\n',
      '.github/cd4ml.yml': POLICY,
      '.gitignore': '.cd4ml/\neval/\ncd4ml.lock\ncd4ml-run.json\nout/\n',
    });
    dir = p.dir;
    const git = simpleGit(dir);
    await git.init(['-b', 'main']);
    await git.addConfig('user.email', 't@example.com').addConfig('user.name', 't');
    await git.add('.').commit('pipeline');
    const pipeline = join(dir, 'cd4ml.yaml');
    await run('run', '-f', pipeline);
    baseDir = join(dir, 'out/base');
    const { stdout } = await run('record', '-f', pipeline, '--dir', baseDir);
    expect(stdout).toMatch(/cd4ml-run\.json \+ 4 files \(\d+ bytes\)/);
    const manifest = JSON.parse(
      readFileSync(join(baseDir, 'cd4ml-artifact.json'), 'utf8'),
    ) as ArtifactManifest;
    expect(manifest).toMatchObject({ format: 'cd4ml/run-artifact@1', skipped: [] });
    expect(manifest.files.map((f) => `${f.role} ${f.path}`)).toEqual([
      'metrics eval/metrics.json',
      'plots eval/roc.csv',
      'stats data/stats.json',
      'predictions eval/predictions.csv',
    ]);
    for (const file of manifest.files)
      expect(readFileSync(join(baseDir, file.path), 'utf8')).toBe(
        readFileSync(join(dir, file.path), 'utf8'),
      );
    const record = JSON.parse(readFileSync(join(baseDir, 'cd4ml-run.json'), 'utf8'));
    expect(record.predictions.file).toBe('eval/predictions.csv');
    const history = JSON.parse(readFileSync(join(baseDir, 'cd4ml-history.json'), 'utf8'));
    expect(history).toMatchObject({ schema: 'cd4ml/run-history@1', runs: [{ id: record.id }] });
    expect(history.runs[0].metrics.accuracy).toBe(record.metrics.accuracy);

    // The PR: another threshold, its run carrying main's history forward from the zip.
    await git.checkoutLocalBranch('feat/threshold');
    writeFileSync(join(dir, 'params.yaml'), 'threshold: 0.55\n');
    await git.add('.').commit('threshold');
    await run('run', '-f', pipeline);
    writeFileSync(join(dir, 'out/base.zip'), zipDir(baseDir));
    headDir = join(dir, 'out/head');
    await run(
      'record',
      '-f',
      pipeline,
      '--dir',
      headDir,
      '--history-from',
      join(dir, 'out/base.zip'),
    );
    const carried = JSON.parse(
      readFileSync(join(headDir, 'cd4ml-history.json'), 'utf8'),
    ) as RunHistory;
    expect(carried.runs.map((r) => r.id)).toEqual([
      record.id,
      JSON.parse(readFileSync(join(headDir, 'cd4ml-run.json'), 'utf8')).id,
    ]);
    writeFileSync(join(dir, 'out/head.zip'), zipDir(headDir));

    // A record file, an artifact directory and its zip give the same report, byte for byte.
    const stored = await listRuns(dir);
    expect(stored).toHaveLength(2);
    const [baseRecord, headRecord] = stored.map((s) => join(s.dir, 'cd4ml-run.json'));
    const report = async (base: string, head: string) =>
      (await runCli('compare', '--root', dir, '--base', base, '--head', head, '--format', 'md'))
        .stdout;
    const fromFiles = await report(baseRecord!, headRecord!);
    expect(fromFiles).toContain('<b>Significance</b>: accuracy');
    expect(await report(baseDir, headDir)).toBe(fromFiles);
    expect(await report(join(dir, 'out/base.zip'), join(dir, 'out/head.zip'))).toBe(fromFiles);
    // And the default (the store's latest vs the merge-base's run) agrees too: the same
    // report, plus the section naming the base commit it chose (both shas) and the run.
    const chosen = (await runCli('compare', '--root', dir, '--format', 'md')).stdout;
    const note =
      /<details><summary><b>Baseline<\/b>: store:[^<]+ at <code>[0-9a-f]{7}<\/code><\/summary>\n\nBase commit <code>[0-9a-f]{7}<\/code>: the merge-base of the head <code>[0-9a-f]{7}<\/code> and <code>[0-9a-f]{7}<\/code>\.\n\nUsed store:[^\n]+, at the base commit: the newest trusted, clean, successful run there\.\n\n<\/details>\n\n/;
    expect(chosen).toMatch(note);
    expect(chosen.replace(note, '')).toBe(fromFiles);
  });

  it('refuses to write over a directory that is not an artifact, and needs something to write', async () => {
    const p = project({
      'cd4ml.yaml': PIPELINE,
      'params.yaml': 'threshold: 0.5\n',
      'cd4ml-run.json': JSON.stringify(baseRun()),
      'keep.txt': 'mine',
    });
    const pipeline = join(p.dir, 'cd4ml.yaml');
    const { code, stderr } = await runCli('record', '-f', pipeline, '--dir', p.dir);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'is not empty and holds no run artifact (cd4ml-artifact.json) to replace',
    );
    expect(existsSync(join(p.dir, 'keep.txt'))).toBe(true);
    expect((await runCli('record', '-f', pipeline)).stderr).toContain(
      'nothing to write: pass --dir, --model-dir or both',
    );
  });

  it('refuses a --shadow file that is not a shadow summary, naming it and the field, writing nothing', async () => {
    const p = project({
      'cd4ml.yaml': PIPELINE,
      'params.yaml': 'threshold: 0.5\n',
      'cd4ml-run.json': JSON.stringify(baseRun()),
      'shadow.json': '{"model": "iris"}',
    });
    const out = join(p.dir, 'artifact');
    const { code, stderr } = await runCli(
      'record',
      '-f',
      join(p.dir, 'cd4ml.yaml'),
      '--dir',
      out,
      '--shadow',
      join(p.dir, 'shadow.json'),
    );
    expect(code).toBe(2);
    expect(stderr).toContain(
      `${join(p.dir, 'shadow.json')}: --shadow: is not a cd4ml shadow summary: candidate:`,
    );
    expect(existsSync(out)).toBe(false);
  });
});
