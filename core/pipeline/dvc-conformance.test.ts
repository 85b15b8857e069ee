/**
 * dvc.yaml as DVC reads it: cases ported from DVC's own tests and code
 * (github.com/iterative/dvc), each naming where it comes from. A case gives the files of
 * a project and either the stages DVC resolves them to (name → cmd, and any other field
 * checked) or the error DVC raises (our wording says the same thing, with file:line).
 */
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProjects } from '../testing/project.js';
import { loadPipeline } from './load.js';
import type { Pipeline, Stage } from './model.js';

const project = tempProjects();

interface Case {
  dvc: string;
  files: Record<string, string>;
  /** Stage name → its commands (and, optionally, other fields). */
  stages?: Record<string, string | string[] | Partial<Stage>>;
  /** Pipeline-level fields. */
  pipeline?: Partial<Pipeline>;
  /** Text the error must contain, and the line it points at. */
  error?: { text: string; line: number };
}

const MODELS = 'models:\n  foo: foo\n  bar: bar\n';

/** The params of DVC's test_cmd_dict. */
const CMD_DICT = [
  'dict:',
  '  foo: foo',
  '  bar: 2',
  '  string: spaced string',
  '  mixed_quote_string: quote"\'d',
  '  bool: true',
  '  bool-false: false',
  '  list: [1, 2, foo, quote"\'d]',
  '  nested: {foo: foo}',
  '',
].join('\n');

const CASES: Record<string, Case> = {
  'foreach over a list names stages by item': {
    dvc: 'tests/func/parsing/test_foreach.py::test_with_simple_list_data',
    files: {
      'dvc.yaml': 'stages:\n  build:\n    foreach: [foo, bar]\n    do:\n      cmd: echo ${item}\n',
    },
    stages: { 'build@foo': 'echo foo', 'build@bar': 'echo bar' },
  },
  'foreach over a mapping: key and item': {
    dvc: 'tests/func/parsing/test_foreach.py::test_with_dict_data',
    files: {
      'dvc.yaml':
        'stages:\n  build:\n    foreach:\n      model1: {thresh: 10}\n      model2: {thresh: 15}\n    do:\n      cmd: python script.py ${item.thresh} ${key}\n',
    },
    stages: {
      'build@model1': 'python script.py 10 model1',
      'build@model2': 'python script.py 15 model2',
    },
  },
  'foreach over a list of mappings names stages by index': {
    dvc: 'tests/func/parsing/test_foreach.py::test_with_composite_list',
    files: {
      'dvc.yaml':
        'stages:\n  build:\n    foreach: [{thresh: 10}, {thresh: 15}]\n    do:\n      cmd: python script.py ${item[thresh]}\n',
    },
    stages: { 'build@0': 'python script.py 10', 'build@1': 'python script.py 15' },
  },
  'foreach data from nested vars': {
    dvc: 'tests/func/parsing/test_foreach.py::test_foreach_data_from_nested_vars',
    files: {
      'params.yaml': 'models:\n  list: [foo, bar]\n',
      'dvc.yaml':
        'stages:\n  build:\n    foreach: ${models.list}\n    do:\n      cmd: echo ${item}\n',
    },
    stages: { 'build@foo': 'echo foo', 'build@bar': 'echo bar' },
  },
  'foreach with an interpolated wdir': {
    dvc: 'tests/func/parsing/test_foreach.py::test_foreach_with_interpolated_wdir',
    files: {
      'dvc.yaml':
        'stages:\n  build:\n    foreach: [foo, bar]\n    do:\n      wdir: ${item}\n      cmd: echo hello\n',
    },
    stages: { 'build@foo': { cmd: ['echo hello'], wdir: 'foo' }, 'build@bar': { wdir: 'bar' } },
  },
  'foreach with local vars': {
    dvc: 'tests/func/parsing/test_foreach.py::test_foreach_with_local_vars',
    files: {
      'dvc.yaml':
        'stages:\n  build:\n    foreach: [foo, bar]\n    do:\n      vars: [{foobar: foobar}]\n      cmd: echo ${item} ${foobar}\n',
    },
    stages: { 'build@foo': 'echo foo foobar', 'build@bar': 'echo bar foobar' },
  },
  'foreach with an interpolated wdir and local vars read from it': {
    dvc: 'tests/func/parsing/test_foreach.py::test_foreach_with_interpolated_wdir_and_local_vars',
    files: {
      'foo/test_params.yaml': 'train:\n  epochs: 10\n',
      'bar/test_params.yaml': 'train:\n  epochs: 20\n',
      'dvc.yaml':
        'stages:\n  build:\n    foreach: [foo, bar]\n    do:\n      wdir: ${item}\n      vars: [test_params.yaml:train]\n      cmd: echo ${train.epochs}\n',
    },
    stages: { 'build@foo': { cmd: ['echo 10'], wdir: 'foo' }, 'build@bar': 'echo 20' },
  },
  'a stage may not redefine item': {
    dvc: 'tests/func/parsing/test_errors.py::test_item_key_in_generated_stage_vars',
    files: {
      'dvc.yaml':
        'stages:\n  build:\n    foreach: [foo]\n    do:\n      vars: [{item: other}]\n      cmd: echo ${item}\n',
    },
    error: { text: "attempted to modify reserved key 'item'", line: 5 },
  },
  'matrix: ${key} and fragment names (index for lists and mappings)': {
    dvc: 'tests/func/parsing/test_matrix.py::test_matrix_key_present',
    files: {
      'params.yaml': 'os: [win, linux]\npyv: [3.7, 3.8]\ndict: [{arg1: 1}, {arg2: 2}]\n',
      'dvc.yaml':
        'stages:\n  build:\n    matrix:\n      os: ${os}\n      pyv: ${pyv}\n      dict: ${dict}\n    cmd: echo ${key}\n',
    },
    stages: {
      'build@win-3.7-dict0': 'echo win-3.7-dict0',
      'build@win-3.7-dict1': 'echo win-3.7-dict1',
      'build@win-3.8-dict0': 'echo win-3.8-dict0',
      'build@linux-3.8-dict1': 'echo linux-3.8-dict1',
    },
  },
  'matrix: ${item.axis}': {
    dvc: 'tests/func/parsing/test_matrix.py::test_matrix_interpolated',
    files: {
      'dvc.yaml':
        'stages:\n  build:\n    matrix:\n      os: [win]\n      pyv: [3.7]\n    cmd: echo ${item.os} ${item.pyv}\n',
    },
    stages: { 'build@win-3.7': 'echo win 3.7' },
  },
  'floats print as Python prints them, in cmds and in names': {
    dvc: 'dvc/parsing/interpolate.py::to_str (str() of a float)',
    files: {
      'params.yaml': 'lr: 1.0\nsmall: 0.00001\n',
      'dvc.yaml':
        'stages:\n  sweep:\n    foreach: [1.0, 0.5, 2]\n    do:\n      cmd: train --c ${item} --lr ${lr} --eps ${small}\n',
    },
    stages: {
      'sweep@1.0': {
        cmd: ['train --c 1.0 --lr 1.0 --eps 1e-05'],
        // The value itself is a number again once printed: the run record's candidate params.
        group: { name: 'sweep', key: '1.0', values: { item: 1 } },
      },
      'sweep@0.5': 'train --c 0.5 --lr 1.0 --eps 1e-05',
      'sweep@2': 'train --c 2 --lr 1.0 --eps 1e-05',
    },
  },
  'booleans and null in a string': {
    dvc: 'dvc/parsing/interpolate.py::to_str (bool registered as true/false)',
    files: {
      'params.yaml': 'on: true\noff: false\nnothing: null\n',
      'dvc.yaml': 'stages:\n  s:\n    cmd: echo ${on} ${off} ${nothing}\n',
    },
    stages: { s: 'echo true false None' },
  },
  'a mapping in cmd unpacks into flags': {
    dvc: 'tests/func/parsing/test_interpolated_entry.py::test_cmd_dict',
    files: {
      'params.yaml': CMD_DICT,
      'dvc.yaml': 'stages:\n  stage1:\n    cmd: python script.py ${dict}\n',
    },
    stages: {
      stage1: `python script.py --foo foo --bar 2 --string 'spaced string' --mixed_quote_string 'quote"'"'"'d' --bool --list 1 2 foo 'quote"'"'"'d' --nested.foo foo`,
    },
  },
  '.dvc/config parsing: boolean_optional and append': {
    dvc: 'tests/func/parsing/test_interpolated_entry.py::test_cmd_dict[boolean_optional-append]',
    files: {
      '.dvc/config':
        '[core]\n    remote = storage\n[parsing]\n    bool = boolean_optional\n[\'remote "storage"\']\n    url = s3://bucket/x\n',
      '.dvc/config.local': '[parsing]\n    list = APPEND\n',
      'params.yaml': CMD_DICT,
      'dvc.yaml': 'stages:\n  stage1:\n    cmd: python script.py ${dict}\n',
    },
    stages: {
      stage1: `python script.py --foo foo --bar 2 --string 'spaced string' --mixed_quote_string 'quote"'"'"'d' --bool --no-bool-false --list 1 --list 2 --list foo --list 'quote"'"'"'d' --nested.foo foo`,
    },
  },
  '.dvc/config parsing: store_true and nargs, as the defaults': {
    dvc: 'tests/func/parsing/test_interpolated_entry.py::test_cmd_dict[store_true-nargs]',
    files: {
      '.dvc/config': '[parsing]\nbool = store_true\nlist = nargs\n',
      'params.yaml': CMD_DICT,
      'dvc.yaml': 'stages:\n  stage1:\n    cmd: python script.py ${dict}\n',
    },
    stages: {
      stage1: `python script.py --foo foo --bar 2 --string 'spaced string' --mixed_quote_string 'quote"'"'"'d' --bool --list 1 2 foo 'quote"'"'"'d' --nested.foo foo`,
    },
  },
  'a list inside a list cannot be unpacked': {
    dvc: 'tests/func/parsing/test_errors.py::test_interpolate_nested_iterable',
    files: {
      'params.yaml': 'models:\n  list: [1, [2, 3]]\n',
      'dvc.yaml': 'stages:\n  build:\n    cmd: echo ${models}\n',
    },
    error: { text: "cannot interpolate a nested list or mapping in 'list'", line: 3 },
  },
  'a mapping is unpacked only in cmd': {
    dvc: 'dvc/parsing/interpolate.py::validate_value',
    files: {
      'params.yaml': MODELS,
      'dvc.yaml': 'stages:\n  build:\n    cmd: echo\n    deps:\n      - data/${models}\n',
    },
    error: { text: 'is a mapping and cannot be put inside a string', line: 5 },
  },
  'a missing key names the key': {
    dvc: 'tests/func/parsing/test_errors.py::test_specified_key_does_not_exist',
    files: {
      'params.yaml': 'models:\n  foo: foo\n',
      'dvc.yaml': 'stages:\n  build:\n    cmd: echo ${models.foobar}\n',
    },
    error: { text: '${models.foobar} is not defined', line: 3 },
  },
  'non-string fields are validated after interpolation': {
    dvc: 'dvc/parsing/context.py::Context.resolve_str (an exact ${x} keeps its type)',
    files: {
      'params.yaml': 'freeze: true\n',
      'dvc.yaml': 'stages:\n  s:\n    cmd: echo\n    frozen: ${freeze}\n',
    },
    stages: { s: { frozen: true } },
  },
  'params.yaml and vars merge nested mappings': {
    dvc: 'dvc/parsing/context.py::_merge',
    files: {
      'params.yaml': 'train:\n  lr: 0.1\n',
      'dvc.yaml':
        'vars:\n  - train: {epochs: 3}\nstages:\n  s:\n    cmd: train ${train.lr} ${train.epochs}\n',
    },
    stages: { s: 'train 0.1 3' },
  },
  'a key defined twice is an error, not an override': {
    dvc: 'tests/func/parsing/test_resolver.py::test_global_overwrite_error_on_imports',
    files: {
      'params.yaml': MODELS,
      'params.json': '{"models": {"bar": "baz"}}',
      'dvc.yaml': 'vars: [params.yaml, params.json]\nstages:\n  s:\n    cmd: echo\n',
    },
    error: {
      text: "cannot redefine 'models.bar' from 'params.json' as it already exists in 'params.yaml'",
      line: 1,
    },
  },
  'inline vars may not redefine params.yaml': {
    dvc: 'tests/func/parsing/test_resolver.py::test_global_overwrite_vars',
    files: {
      'params.yaml': MODELS,
      'dvc.yaml': 'vars:\n  - models: {bar: other}\nstages:\n  s:\n    cmd: echo\n',
    },
    error: {
      text: "cannot redefine 'models.bar' from 'vars[0]' as it already exists in 'params.yaml'",
      line: 2,
    },
  },
  'two inline vars may not define one key': {
    dvc: 'tests/func/parsing/test_resolver.py::test_local_declared_vars_overwrite',
    files: { 'dvc.yaml': 'vars:\n  - {bar: 1}\n  - {bar: 2}\nstages:\n  s:\n    cmd: echo\n' },
    error: {
      text: "cannot redefine 'bar' from 'vars[1]' as it already exists in 'vars[0]'",
      line: 3,
    },
  },
  'a selected key that is not in the file': {
    dvc: 'tests/func/parsing/test_resolver.py::test_partial_vars_doesnot_exist',
    files: {
      'test_params.yaml': 'sub1: x\n',
      'dvc.yaml': 'vars:\n  - test_params.yaml:sub1,sub2\nstages:\n  s:\n    cmd: echo\n',
    },
    error: { text: "could not find 'sub2' in 'test_params.yaml'", line: 2 },
  },
  'a vars file that does not exist': {
    dvc: 'tests/func/parsing/test_resolver.py::test_specified_params_file_not_exist',
    files: { 'dvc.yaml': 'vars: [not_existing_params.yaml]\nstages:\n  s:\n    cmd: echo\n' },
    error: { text: "vars file 'not_existing_params.yaml' does not exist", line: 1 },
  },
  'vars are not interpolated': {
    dvc: 'tests/func/parsing/test_resolver.py::test_vars_interpolation_errors',
    files: { 'dvc.yaml': 'vars:\n  - ${file}_params.yaml\nstages:\n  s:\n    cmd: echo\n' },
    error: { text: 'interpolating is not allowed in vars', line: 2 },
  },
  'a whole file named twice is loaded once': {
    dvc: 'dvc/parsing/context.py::Context.merge_from',
    files: {
      'params.yaml': 'a: 1\n',
      'dvc.yaml': 'vars: [params.yaml]\nstages:\n  s:\n    cmd: echo ${a}\n',
    },
    stages: { s: 'echo 1' },
  },
  'a partly loaded file may not be loaded whole': {
    dvc: 'tests/func/parsing/test_resolver.py::test_vars_already_loaded_message',
    files: {
      'p.yaml': 'a: 1\nb: 2\n',
      'dvc.yaml': 'vars: [p.yaml:a, p.yaml]\nstages:\n  s:\n    cmd: echo\n',
    },
    error: { text: "cannot load 'p.yaml' as it is partially loaded already", line: 1 },
  },
  'stage vars files are read relative to wdir': {
    dvc: 'tests/func/parsing/test_interpolated_entry.py::test_stage_with_wdir',
    files: {
      'data/params.yaml': 'dict: {foo: foo}\n',
      'dvc.yaml':
        'stages:\n  s:\n    wdir: data\n    vars: [params.yaml]\n    cmd: echo ${dict.foo}\n',
    },
    stages: { s: { cmd: ['echo foo'], wdir: 'data' } },
  },
  'bracket and index references': {
    dvc: 'dvc/parsing/interpolate.py::get_parser (word, .attr and [idx])',
    files: {
      'params.yaml': 'models: {foo: {thresh: 3}}\nlist: [a, b]\n',
      'dvc.yaml':
        'stages:\n  s:\n    cmd: echo ${models[foo][thresh]} ${models.foo[thresh]} ${list[1]}\n',
    },
    stages: { s: 'echo 3 3 b' },
  },
  'top-level metrics are interpolated': {
    dvc: 'tests/func/parsing/test_top_level.py::test_metrics',
    files: {
      'params.yaml': 'metric_file: metrics.json\n',
      'dvc.yaml': 'metrics:\n  - ${metric_file}\nstages:\n  s:\n    cmd: echo\n',
    },
    pipeline: { metrics: ['metrics.json'] },
  },
  'multi-line cmd: one command per line': {
    dvc: 'dvc/stage/run.py::_enforce_cmd_list (str.splitlines)',
    files: {
      'dvc.yaml': 'stages:\n  s:\n    cmd: |\n      cd sub\n      false\n      echo done\n',
    },
    stages: { s: { cmd: ['cd sub', 'false', 'echo done'], lockCmd: 'cd sub\nfalse\necho done\n' } },
  },
  'a params entry reads the params.yaml of the stage wdir': {
    dvc: 'dvc/dependency/__init__.py::loads_params (paths relative to the stage wdir)',
    files: {
      'sub/params.yaml': 'lr: 1\n',
      'dvc.yaml': 'stages:\n  s:\n    wdir: sub\n    cmd: echo\n    params: [lr]\n',
    },
    stages: { s: { params: [{ file: 'sub/params.yaml', key: 'lr' }] } },
  },
  'out annotations and remote settings are accepted': {
    dvc: 'dvc/schema.py::OUT_PSTAGE_DETAILED_SCHEMA (ANNOTATION_SCHEMA, remote, push)',
    files: {
      'dvc.yaml': [
        'stages:',
        '  s:',
        '    cmd: echo',
        '    outs:',
        '      - model.pkl:',
        '          desc: the model',
        '          type: model',
        '          labels: [cv, classification]',
        '          meta: {framework: sklearn}',
        '          remote: models',
        '          push: false',
        '          cache: true',
        '    meta: {owner: ml}',
        '',
      ].join('\n'),
    },
    stages: { s: { outs: [{ path: 'model.pkl', cache: true, persist: false, metric: false }] } },
  },
  'top-level datasets and artifacts are accepted': {
    dvc: 'dvc/schema.py::MULTI_STAGE_SCHEMA',
    files: {
      'dvc.yaml':
        'datasets:\n  - {name: d, type: dvc, url: ., path: data}\nartifacts:\n  m: {path: model.pkl, type: model}\nstages:\n  s:\n    cmd: echo\n',
    },
    stages: { s: 'echo' },
  },
};

describe('dvc.yaml as DVC resolves it (ported cases)', () => {
  it.each(Object.entries(CASES))('%s', (_title, c) => {
    const p = project(c.files);
    const load = (): Pipeline => loadPipeline(join(p.dir, 'dvc.yaml'));
    if (c.error) {
      let message = '';
      try {
        load();
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message, c.dvc).toContain(c.error.text);
      expect(message, c.dvc).toMatch(new RegExp(`dvc\\.yaml:${c.error.line}(:\\d+)?:`));
      return;
    }
    const pipeline = load();
    if (c.pipeline) expect(pipeline, c.dvc).toMatchObject(c.pipeline);
    const stages = new Map(pipeline.stages.map((stage) => [stage.name, stage]));
    for (const [name, want] of Object.entries(c.stages ?? {})) {
      const stage = stages.get(name);
      expect(
        stage,
        `${c.dvc}: stage ${name} (have ${[...stages.keys()].join(', ')})`,
      ).toBeDefined();
      if (typeof want === 'string' || Array.isArray(want))
        expect(stage!.cmd, c.dvc).toEqual([want].flat());
      else expect(stage, c.dvc).toMatchObject(want);
    }
  });
});

describe('.dvc/config', () => {
  it('dvc/config_schema.py: a parsing value DVC rejects is an error naming the file and line', () => {
    const p = project({
      '.dvc/config': '[core]\n    autostage = true\n[parsing]\n    bool = yes\n',
      'dvc.yaml': 'stages:\n  s:\n    cmd: echo\n',
    });
    const config = relative(process.cwd(), join(p.dir, '.dvc/config'));
    expect(() => loadPipeline(join(p.dir, 'dvc.yaml'))).toThrow(
      `${config}:4: parsing.bool is 'yes'\n  hint: use one of: store_true, boolean_optional`,
    );
    p.write('.dvc/config', '[parsing]\nlists = append\n');
    expect(() => loadPipeline(join(p.dir, 'dvc.yaml'))).toThrow(
      `${config}:2: unknown option 'parsing.lists'`,
    );
  });
});
