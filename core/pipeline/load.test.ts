import { describe, expect, it } from 'vitest';
import { Cd4mlAggregateError, Cd4mlError } from '../errors.js';
import { tempProjects } from '../testing/project.js';
import { buildDag, dagToMermaid, selectStages } from './dag.js';
import { loadPipeline } from './load.js';
import { findPipelineFile } from './find.js';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const project = tempProjects();

/** Loads cd4ml.yaml from a fresh project and returns the error message, with the temp path made stable. */
function errorOf(files: Record<string, string>, withDag = false): string {
  const p = project(files);
  const file = join(p.dir, 'cd4ml.yaml');
  try {
    const pipeline = loadPipeline(file);
    if (withDag) buildDag(pipeline, (path) => existsSync(join(p.dir, path)));
  } catch (error) {
    expect(error).toBeInstanceOf(Cd4mlError);
    return (error as Error).message.replaceAll(relative(process.cwd(), file), 'cd4ml.yaml');
  }
  throw new Error('expected an error');
}

describe('loadPipeline validation errors', () => {
  it('names an unknown key with its line and the nearest valid key', () => {
    expect(
      errorOf({ 'cd4ml.yaml': 'stages:\n  train:\n    cmd: python train.py\n    dep: [a.txt]\n' }),
    ).toBe("cd4ml.yaml:4:5: stages.train.dep: unknown key 'dep'\n  hint: did you mean 'deps'?");
  });

  it('suggests the nearest top-level key too', () => {
    expect(errorOf({ 'cd4ml.yaml': 'stage:\n  train:\n    cmd: x\n' })).toBe(
      "cd4ml.yaml:1:1: stage: unknown key 'stage'\n  hint: did you mean 'stages'?",
    );
  });

  it('reports a stage without cmd', () => {
    expect(errorOf({ 'cd4ml.yaml': 'stages:\n  train:\n    deps: [a.txt]\n' })).toBe(
      "cd4ml.yaml:2:3: stages.train: stage 'train' has no cmd\n  hint: add `cmd: <shell command>` (or `foreach`/`matrix` with `do`)",
    );
  });

  it('reports an out claimed by two stages, at the second claim', () => {
    const yaml =
      'stages:\n  a:\n    cmd: echo a > out.txt\n    outs: [out.txt]\n  b:\n    cmd: echo b > out.txt\n    outs:\n      - out.txt\n';
    expect(errorOf({ 'cd4ml.yaml': yaml })).toBe(
      "cd4ml.yaml:8:9: stages.b.outs[0]: out 'out.txt' of stage 'b' is already an out of stage 'a' (line 4)\n  hint: each file is written by one stage: rename one of the outs",
    );
  });

  it('reports a dep that is neither a file nor an out', () => {
    expect(
      errorOf(
        { 'cd4ml.yaml': 'stages:\n  train:\n    cmd: x\n    deps:\n      - data/missing.csv\n' },
        true,
      ),
    ).toBe(
      "cd4ml.yaml:5:9: stages.train.deps[0]: dep 'data/missing.csv' of stage 'train' is neither a file nor an out of any stage\n  hint: create the file, fix the path (deps are relative to the stage wdir), or add it to the outs of the stage that writes it",
    );
  });

  it('reports an out outside the repository', () => {
    expect(
      errorOf({
        'cd4ml.yaml': 'stages:\n  train:\n    cmd: x\n    outs: [../elsewhere/model.onnx]\n',
      }),
    ).toBe(
      "cd4ml.yaml:4:12: stages.train.outs[0]: path '../elsewhere/model.onnx' is outside the repository\n  hint: stages may only read and write inside the pipeline directory",
    );
  });

  it('prints the path of a cycle', () => {
    const yaml = [
      'stages:',
      '  a:',
      '    cmd: cat c.txt > a.txt',
      '    deps: [c.txt]',
      '    outs: [a.txt]',
      '  b:',
      '    cmd: cat a.txt > b.txt',
      '    deps: [a.txt]',
      '    outs: [b.txt]',
      '  c:',
      '    cmd: cat b.txt > c.txt',
      '    deps: [b.txt]',
      '    outs: [c.txt]',
      '',
    ].join('\n');
    const message = errorOf({ 'cd4ml.yaml': yaml }, true);
    expect(message).toBe(
      'cd4ml.yaml:2:3: stages.a: the pipeline has a cycle: a -> b -> c -> a\n  hint: a stage cannot depend, directly or through others, on its own outs: remove one of these deps',
    );
  });

  it('reports an undefined interpolation with the known keys', () => {
    expect(
      errorOf({
        'cd4ml.yaml': 'stages:\n  train:\n    cmd: python train.py --lr ${train.lr}\n',
        'params.yaml': 'train:\n  C: 1\n',
      }),
    ).toBe(
      "cd4ml.yaml:3:10: stages.train.cmd: bad interpolation in stage 'train': ${train.lr} is not defined (known: train)\n  hint: define the key in params.yaml (or a vars file) or escape it as \\${...}",
    );
  });

  it('reports YAML syntax errors and duplicate keys with their line', () => {
    expect(errorOf({ 'cd4ml.yaml': 'stages:\n  a:\n    cmd: x\n  a:\n    cmd: y\n' })).toMatch(
      /^cd4ml\.yaml:4:3: invalid YAML: Map keys must be unique/,
    );
  });

  it('collects every independent error in one pass', () => {
    const p = project({
      'cd4ml.yaml': 'stages:\n  a:\n    cmdd: x\n  b:\n    cmd: y\n    outz: []\n',
    });
    try {
      loadPipeline(join(p.dir, 'cd4ml.yaml'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(Cd4mlAggregateError);
      expect((error as Cd4mlAggregateError).errors.map((e) => e.location?.line)).toEqual([3, 6]);
    }
  });

  it('rejects a bad type with the field', () => {
    expect(errorOf({ 'cd4ml.yaml': 'stages:\n  a:\n    cmd: x\n    retries: lots\n' })).toBe(
      "cd4ml.yaml:4:14: stages.a.retries: must be a number, not the string 'lots'",
    );
  });

  it('rejects a bad timeout with how to write one', () => {
    expect(errorOf({ 'cd4ml.yaml': 'stages:\n  a:\n    cmd: x\n    timeout: soon\n' })).toContain(
      'stages.a.timeout',
    );
  });
});

describe('expansion', () => {
  it('expands foreach lists and mappings with DVC names and ${item}/${key}', () => {
    const p = project({
      'cd4ml.yaml': [
        'stages:',
        '  train:',
        '    foreach: [logreg, forest]',
        '    do:',
        '      cmd: python train.py ${item}',
        '      outs:',
        '        - models/${item}.onnx',
        '  eval:',
        '    foreach:',
        '      small: {n: 10}',
        '      large: {n: 1000}',
        '    do:',
        '      cmd: python eval.py ${key} ${item.n}',
        '',
      ].join('\n'),
    });
    const pipeline = loadPipeline(join(p.dir, 'cd4ml.yaml'));
    expect(pipeline.stages.map((s) => [s.name, s.cmd[0], s.outs.map((o) => o.path)])).toEqual([
      ['train@logreg', 'python train.py logreg', ['models/logreg.onnx']],
      ['train@forest', 'python train.py forest', ['models/forest.onnx']],
      ['eval@small', 'python eval.py small 10', []],
      ['eval@large', 'python eval.py large 1000', []],
    ]);
    expect(pipeline.stages[0]?.group).toEqual({
      name: 'train',
      key: 'logreg',
      values: { item: 'logreg' },
    });
  });

  it('expands a matrix from params, naming items by their values', () => {
    const p = project({
      'params.yaml': 'grid:\n  model: [lr, svm]\n',
      'cd4ml.yaml':
        'stages:\n  train:\n    matrix:\n      model: ${grid.model}\n      C: [0.1, 1]\n    cmd: fit ${item.model} ${item.C}\n',
    });
    const names = loadPipeline(join(p.dir, 'cd4ml.yaml')).stages.map(
      (s) => `${s.name}: ${s.cmd[0]}`,
    );
    expect(names).toEqual([
      'train@lr-0.1: fit lr 0.1',
      'train@lr-1: fit lr 1',
      'train@svm-0.1: fit svm 0.1',
      'train@svm-1: fit svm 1',
    ]);
  });

  it('reads vars files and inline vars, and keeps escaped ${...}', () => {
    const p = project({
      'config.yaml': 'epochs: 5\n',
      'cd4ml.yaml':
        "vars:\n  - config.yaml\n  - name: demo\nstages:\n  a:\n    cmd: run --epochs ${epochs} --name ${name} --literal '\\${HOME}'\n",
    });
    expect(loadPipeline(join(p.dir, 'cd4ml.yaml')).stages[0]?.cmd).toEqual([
      "run --epochs 5 --name demo --literal '${HOME}'",
    ]);
  });

  it('resolves wdir-relative paths, params entries and out flags', () => {
    const p = project({
      'cd4ml.yaml': [
        'stages:',
        '  train:',
        '    wdir: src',
        '    cmd: [python a.py, python b.py]',
        '    deps: [a.py, ../data]',
        '    params: [train.C, {other.yaml: [seed]}]',
        '    outs: [{../model.onnx: {persist: true}}]',
        '    metrics: [{../metrics.json: {cache: false}}]',
        '    timeout: 90s',
        '    retries: 2',
        '',
      ].join('\n'),
      // As in DVC, a stage's params.yaml is the one in its wdir.
      'src/params.yaml': 'train: { C: 1 }\n',
      'src/other.yaml': 'seed: 7\n',
    });
    const [stage] = loadPipeline(join(p.dir, 'cd4ml.yaml')).stages;
    expect(stage).toMatchObject({
      wdir: 'src',
      cmd: ['python a.py', 'python b.py'],
      deps: ['src/a.py', 'data'],
      params: [
        { file: 'src/params.yaml', key: 'train.C' },
        { file: 'src/other.yaml', key: 'seed' },
      ],
      outs: [
        { path: 'model.onnx', cache: true, persist: true, metric: false },
        { path: 'metrics.json', cache: false, persist: false, metric: true },
      ],
      timeoutMs: 90_000,
      retries: 2,
    });
  });
});

describe('dag', () => {
  it('orders stages, links directory outs, selects upstream stages, and renders Mermaid', () => {
    const p = project({
      'raw.csv': 'x\n',
      'cd4ml.yaml': [
        'stages:',
        '  prepare:',
        '    cmd: mkdir -p data && cp raw.csv data/a.csv',
        '    deps: [raw.csv]',
        '    outs: [data]',
        '  train:',
        '    cmd: cat data/a.csv > model.txt',
        '    deps: [data/a.csv]',
        '    outs: [model.txt]',
        '  report:',
        '    cmd: echo hi > report.txt',
        '    outs: [report.txt]',
        '',
      ].join('\n'),
    });
    const pipeline = loadPipeline(join(p.dir, 'cd4ml.yaml'));
    const dag = buildDag(pipeline, (path) => existsSync(join(p.dir, path)));
    expect(dag.order.indexOf('prepare')).toBeLessThan(dag.order.indexOf('train'));
    expect(selectStages(dag, ['train'])).toEqual(['prepare', 'train']);
    expect(() => selectStages(dag, ['nope'])).toThrow("no stage named 'nope'");
    expect(dagToMermaid(dag)).toContain('s0 --> s1');
  });

  it('finds dvc.yaml when there is no cd4ml.yaml', () => {
    const p = project({ 'dvc.yaml': 'stages:\n  a:\n    cmd: x\n' });
    expect(findPipelineFile(p.dir)).toBe(join(p.dir, 'dvc.yaml'));
  });
});

describe('stage checks', () => {
  const stage = (checks: string): string =>
    `stages:\n  prepare:\n    cmd: x\n    outs: [data/clean.csv, metrics.json]\n    checks:\n${checks}`;

  it('resolves each check on an out, relative to the root, with where it is', () => {
    const p = project({
      'cd4ml.yaml': stage(
        '      - { data: data/clean.csv, min_rows: 10 }\n      - { data: data/clean.csv, column: id, unique: true, type: integer, min: 0 }\n',
      ),
    });
    const [prepare] = loadPipeline(join(p.dir, 'cd4ml.yaml')).stages;
    expect(prepare!.checks.map(({ location, ...c }) => ({ ...c, field: location.field }))).toEqual([
      { data: 'data/clean.csv', min_rows: 10, field: 'stages.prepare.checks[0]' },
      {
        data: 'data/clean.csv',
        column: 'id',
        unique: true,
        type: 'integer',
        min: 0,
        field: 'stages.prepare.checks[1]',
      },
    ]);
  });

  it.each([
    [
      '      - { data: data/other.csv, min_rows: 1 }\n',
      "cd4ml.yaml:6:17: stages.prepare.checks[0].data: check on 'data/other.csv': it is not an out of this stage\n  hint: check one of its outs (data/clean.csv, metrics.json), or add 'data/other.csv' to its outs",
    ],
    [
      '      - { data: data/clean.csv }\n',
      'cd4ml.yaml:6:17: stages.prepare.checks[0].data: check on "data/clean.csv" tests nothing: add one of min_rows, max_null_rate, type, min, max, allowed, unique',
    ],
    [
      '      - data: data/clean.csv\n        unique: true\n',
      'cd4ml.yaml:7:17: stages.prepare.checks[0].unique: unique checks one column: add `column: <name>`',
    ],
    [
      '      - { data: data/clean.csv, min_rows: 3, colum: age }\n',
      "cd4ml.yaml:6:46: stages.prepare.checks[0].colum: unknown key 'colum'\n  hint: did you mean 'column'?",
    ],
    [
      '      - { data: data/clean.csv, column: age, type: float }\n',
      'cd4ml.yaml:6:52: stages.prepare.checks[0].type: must be one of "integer", "number", "boolean", "date", "string"',
    ],
  ])('names the file, line and field of a bad check: %#', (checks, message) => {
    expect(errorOf({ 'cd4ml.yaml': stage(checks) })).toBe(message);
  });
});
