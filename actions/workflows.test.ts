// The workflows we ship (docs/workflows, the examples, compiled workflows) as GitHub runs
// them: their `if:` and `concurrency:` expressions evaluated by GitHub's own expression
// evaluator (@actions/expressions) with the runner's status functions, for the cases that
// matter to a team — a failed pipeline, a cancelled run, pushes queued behind each other.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildDag } from '../core/pipeline/dag.js';
import { loadPipeline } from '../core/pipeline/load.js';
import { tempProjects } from '../core/testing/project.js';
import { compileWorkflow } from '../core/workflow/compile.js';
import { evaluateIf, evaluateTemplate } from './testing/expression.js';

const root = resolve(import.meta.dirname, '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

interface Step {
  name?: string;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  concurrency?: { group: string; 'cancel-in-progress': string | boolean };
  jobs: Record<
    string,
    { if?: string; needs?: string | string[]; permissions?: Record<string, string>; steps?: Step[] }
  >;
}
const load = (path: string): Workflow => parse(read(path)) as Workflow;
const github = (event_name: string, ref: string, run_id: string) => ({
  github: { workflow: 'ml', event_name, ref, run_id, repository: 'o/r' },
});

describe('docs/workflows/compare.yml: the compare job as a required check', () => {
  const workflow = load('docs/workflows/compare.yml');
  const compare = workflow.jobs.compare!;
  const failStep = compare.steps!.find((s) => s.name === 'Fail unless the pipeline succeeded')!;
  const pr = github('pull_request', 'refs/pull/7/merge', '1');

  it('runs after a failed pipeline (a skipped job would count as passed) but not after a cancel', () => {
    expect(compare.needs).toBe('pipeline');
    expect(evaluateIf(compare.if, pr, 'success')).toBe(true);
    expect(evaluateIf(compare.if, pr, 'failure')).toBe(true);
    expect(evaluateIf(compare.if, pr, 'cancelled')).toBe(false);
    expect(evaluateIf(compare.if, github('push', 'refs/heads/main', '1'), 'success')).toBe(false);
  });

  it('fails unless the pipeline job succeeded, whatever the gate said', () => {
    const needs = (result: string) => ({ ...pr, needs: { pipeline: { result } } });
    expect(evaluateIf(failStep.if, needs('failure'), 'success')).toBe(true);
    expect(evaluateIf(failStep.if, needs('success'), 'success')).toBe(false);
    // The gate step comes first and downloads the failed run's record for the report.
    const names = compare.steps!.map((s) => s.uses ?? s.name);
    expect(names.indexOf('cd4ml/cd4ml/actions/compare@v1')).toBeLessThan(
      names.indexOf(failStep.name),
    );
  });
});

/** Every workflow a team copies (docs/workflows and the examples). */
const copied = [
  ...readdirSync(join(root, 'docs/workflows')).map((f) => `docs/workflows/${f}`),
  ...readdirSync(join(root, 'examples')).flatMap((e) => {
    const dir = `examples/${e}/.github/workflows`;
    return existsSync(join(root, dir))
      ? readdirSync(join(root, dir)).map((f) => `${dir}/${f}`)
      : [];
  }),
];

describe('the workflows a team copies', () => {
  it.each(copied)(
    '%s checks out without history and without leaving the token in .git/config (unless the job’s steps use git)',
    (file) => {
      for (const [id, job] of Object.entries(load(file).jobs))
        for (const step of job.steps ?? []) {
          if (!step.uses?.startsWith('actions/checkout@')) continue;
          // Only a job whose own steps use git with the token (cd4ml history push/pull
          // a branch) keeps the credentials, and says so explicitly.
          const usesGit = (job.steps ?? []).some((s) =>
            /\bgit\b|history (push|pull)/.test(String((s as { run?: string }).run ?? '')),
          );
          expect(step.with?.['persist-credentials'], `${file}: job ${id}`).toBe(usesGit);
          expect(step.with?.['fetch-depth'], `${file}: fetch-depth`).toBeUndefined();
        }
    },
  );

  const runsOnPush = copied.filter((f) => {
    const w = load(f);
    return w.concurrency && /^ml/.test(w.concurrency.group);
  });
  it.each(runsOnPush)(
    '%s: two pushes to main never share a concurrency group; a PR’s pushes do, and cancel',
    (file) => {
      const { group, 'cancel-in-progress': cancel } = load(file).concurrency!;
      // A group holds one running and one pending run and cancels the pending one when
      // another queues: a shared group would leave a main commit without its cd4ml-run.
      expect(evaluateTemplate(group, github('push', 'refs/heads/main', '101'))).not.toBe(
        evaluateTemplate(group, github('push', 'refs/heads/main', '102')),
      );
      expect(evaluateTemplate(group, github('pull_request', 'refs/pull/7/merge', '103'))).toBe(
        evaluateTemplate(group, github('pull_request', 'refs/pull/7/merge', '104')),
      );
      expect(
        evaluateTemplate(String(cancel), github('pull_request', 'refs/pull/7/merge', '1')),
      ).toBe('true');
      expect(evaluateTemplate(String(cancel), github('push', 'refs/heads/main', '1'))).toBe(
        'false',
      );
    },
  );
});

const project = tempProjects();

describe('a compiled workflow (cd4ml workflow)', () => {
  const { dir } = project({
    'raw.txt': 'x',
    'cd4ml.yaml':
      'stages:\n  a:\n    cmd: cp raw.txt a.txt\n    deps: [raw.txt]\n    outs: [a.txt]\n',
  });
  const pipeline = loadPipeline(join(dir, 'cd4ml.yaml'));
  const dag = buildDag(pipeline, (path) => existsSync(join(dir, path)));
  const { workflow } = compileWorkflow(pipeline, dag, { workdir: '', cli: 'npx --yes cd4ml@1' });

  it('cancels a pull request’s older run but never puts two pushes in one concurrency group', () => {
    const { group, 'cancel-in-progress': cancel } = workflow.concurrency;
    const push1 = evaluateTemplate(group, github('push', 'refs/heads/main', '101'));
    expect(push1).not.toBe(evaluateTemplate(group, github('push', 'refs/heads/main', '102')));
    expect(evaluateTemplate(cancel, github('push', 'refs/heads/main', '101'))).toBe('false');
    const pr1 = evaluateTemplate(group, github('pull_request', 'refs/pull/7/merge', '103'));
    expect(pr1).toBe(evaluateTemplate(group, github('pull_request', 'refs/pull/7/merge', '104')));
    expect(evaluateTemplate(cancel, github('pull_request', 'refs/pull/7/merge', '103'))).toBe(
      'true',
    );
  });

  it('checks out every job without history or a stored token, at the dispatched commit', () => {
    for (const job of Object.values(workflow.jobs)) {
      const checkout = job.steps.find((s) => String(s.uses).startsWith('actions/checkout@'));
      // `inputs.commit` is empty on push and pull_request, so checkout takes the event's ref.
      expect(checkout?.with).toEqual({
        ref: '${{ inputs.commit }}',
        'persist-credentials': false,
      });
    }
  });
});
