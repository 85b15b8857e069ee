// examples/iris end to end: the Python-free pipeline runs with the built CLI in a scratch
// git copy, selects a sane champion, is fully reused on a second run, is deterministic, and
// writes ONNX files that other ONNX tooling (Python's onnx checker, a numpy evaluation of
// the graph) reads the same way onnxruntime-node does.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { copyExample } from '../core/testing/examples.js';
import { tempProjects } from '../core/testing/project.js';

const REPO = resolve(import.meta.dirname, '..');
const CLI = join(REPO, 'bin', 'cd4ml.js');
const PYTHON = '/usr/bin/python3';
const hasPythonOnnx =
  existsSync(PYTHON) &&
  spawnSync(PYTHON, ['-c', 'import onnx, numpy'], { stdio: 'ignore' }).status === 0;

const project = tempProjects();

/**
 * The example as a fresh clone has it, committed in its own repository. The stages import
 * onnxruntime-node, onnx-proto and yaml: the repository's copies.
 */
function copyIris(): string {
  return copyExample('iris', project().dir, { nodeModules: true });
}

/** A PATH with node and git and nothing else: no python3, the pipeline must not need one. */
function nodeOnlyPath(): string {
  const { dir } = project();
  for (const [name, target] of [
    ['node', process.execPath],
    ['git', execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim()],
  ] as const)
    symlinkSync(target, join(dir, name));
  return dir;
}

function run(dir: string): { code: number | null; stderr: string; stdout: string } {
  const env = { ...process.env, CI: 'true', NO_COLOR: '1', PATH: nodeOnlyPath() };
  const result = spawnSync(process.execPath, [CLI, 'run'], { cwd: dir, encoding: 'utf8', env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Record {
  status: string;
  champion: string | null;
  metrics: { [k: string]: number };
  candidates: { [name: string]: { metrics: { [k: string]: number }; modelSha256?: string } };
  model: {
    sha256: string;
    inputs: Array<{ name: string; type: string; shape: Array<string | number> }>;
    outputs: Array<{ name: string; type: string; shape: Array<string | number> }>;
  };
  stages: { [name: string]: { status: string } };
  predictions: { slices?: string[] } | null;
  profiles: { [path: string]: { columns: Array<{ name: string }> } };
}

function record(dir: string): Record {
  return JSON.parse(readFileSync(join(dir, 'cd4ml-run.json'), 'utf8')) as Record;
}

const read = (dir: string, path: string): Buffer => readFileSync(join(dir, path));

describe('examples/iris', () => {
  it('trains, exports, evaluates and selects a champion without Python, then reuses everything', () => {
    const dir = copyIris();
    const first = run(dir);
    expect(first.code, first.stderr).toBe(0);
    const r = record(dir);
    expect(r.status).toBe('success');
    expect(Object.keys(r.stages).sort()).toEqual([
      'evaluate@mlp',
      'evaluate@softmax',
      'prepare',
      'select',
      'train@mlp',
      'train@softmax',
    ]);
    expect(Object.values(r.stages).map((s) => s.status)).toEqual(Array(6).fill('ran'));
    expect(Object.keys(r.candidates).sort()).toEqual(['mlp', 'softmax']);
    for (const [name, c] of Object.entries(r.candidates)) {
      expect(c.metrics.accuracy, name).toBeGreaterThan(0.9);
      expect(c.metrics.macro_f1, name).toBeGreaterThan(0.9);
      expect(c.metrics.log_loss, name).toBeLessThan(0.5);
      expect(c.metrics.latency_p95_ms, name).toBeGreaterThan(0);
    }
    // The champion is the candidate with the lowest validation log loss, and model.onnx is
    // byte for byte its exported model.
    const best = Object.entries(r.candidates).sort(
      ([, a], [, b]) => a.metrics.val_log_loss! - b.metrics.val_log_loss!,
    )[0]![0];
    expect(r.champion).toBe(best);
    expect(r.model.sha256).toBe(r.candidates[best]!.modelSha256);
    expect(read(dir, 'model.onnx').equals(read(dir, `models/${best}/model.onnx`))).toBe(true);
    expect(r.metrics.accuracy).toBe(r.candidates[best]!.metrics.accuracy);
    expect(r.model.inputs).toEqual([{ name: 'input', type: 'float32', shape: ['batch', 4] }]);
    expect(r.model.outputs).toEqual([
      { name: 'label', type: 'int64', shape: ['batch'] },
      { name: 'probabilities', type: 'float32', shape: ['batch', 3] },
    ]);
    expect(r.predictions).toBeTruthy();
    expect(r.predictions?.slices).toEqual(['sepal']);
    const predictions = read(dir, 'champion/predictions.csv').toString().trim().split('\n');
    expect(predictions[0]).toBe('id,label,prediction,score,sepal');
    // The data dep and the split's CSVs are profiled into the record.
    expect(r.profiles['data/iris.csv']).toMatchObject({ format: 'csv', rows: 150 });
    expect(r.profiles['data/iris.csv']!.columns.map((c) => c.name)).toEqual([
      'id',
      'sepal_length',
      'sepal_width',
      'petal_length',
      'petal_width',
      'species',
    ]);
    expect(Object.keys(r.profiles)).toContain('data/split/train.csv');
    expect(predictions).toHaveLength(46); // 30% of 150, stratified: 15 per class
    const confusion = JSON.parse(read(dir, 'champion/confusion.json').toString()) as unknown[];
    expect(confusion).toHaveLength(45);
    expect(confusion[0]).toEqual({ actual: expect.any(String), predicted: expect.any(String) });

    const second = run(dir);
    expect(second.code, second.stderr).toBe(0);
    expect(Object.values(record(dir).stages).map((s) => s.status)).toEqual(
      Array(6).fill('unchanged'),
    );
  });

  it('is deterministic: a second copy writes byte-identical models and quality metrics', () => {
    const [a, b] = [copyIris(), copyIris()];
    for (const dir of [a, b]) expect(run(dir).code).toBe(0);
    const same = [
      'model.onnx',
      'models/softmax/model.onnx',
      'models/mlp/model.onnx',
      'models/mlp/train.json',
      'eval/softmax/metrics.json',
      'eval/mlp/metrics.json',
      'champion/metrics.json',
      'champion/predictions.csv',
      'data/split/train.csv',
      'data/stats.json',
    ];
    for (const path of same) expect(read(a, path).equals(read(b, path)), path).toBe(true);
  });

  it('reruns only the changed candidate and the selection when one candidate changes', () => {
    const dir = copyIris();
    expect(run(dir).code).toBe(0);
    const params = join(dir, 'params.yaml');
    writeFileSync(params, readFileSync(params, 'utf8').replace('hidden: 8,', 'hidden: 12,'));
    const again = run(dir);
    expect(again.code, again.stderr).toBe(0);
    const statuses = Object.fromEntries(
      Object.entries(record(dir).stages).map(([name, s]) => [name, s.status]),
    );
    expect(statuses).toEqual({
      prepare: 'unchanged',
      'train@softmax': 'unchanged',
      'evaluate@softmax': 'unchanged',
      'train@mlp': 'ran',
      'evaluate@mlp': 'ran',
      select: 'ran',
    });
  });

  it.runIf(hasPythonOnnx)(
    "passes Python's onnx.checker and predicts the same in a numpy evaluation of the graph",
    async () => {
      const dir = copyIris();
      expect(run(dir).code).toBe(0);
      const rows = readFileSync(join(dir, 'data/iris.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',').slice(1, 5).map(Number));
      writeFileSync(join(dir, 'rows.json'), JSON.stringify(rows));
      for (const model of ['models/softmax/model.onnx', 'models/mlp/model.onnx']) {
        const python = spawnSync(
          PYTHON,
          ['-c', NUMPY_EVAL, join(dir, model), join(dir, 'rows.json')],
          {
            encoding: 'utf8',
          },
        );
        expect(python.status, python.stderr).toBe(0);
        const fromNumpy = JSON.parse(python.stdout) as {
          label: number[];
          probabilities: number[][];
        };

        const session = await ort.InferenceSession.create(join(dir, model));
        const input = new ort.Tensor('float32', Float32Array.from(rows.flat()), [rows.length, 4]);
        const out = await session.run({ input });
        await session.release();
        const labels = Array.from(out.label!.data as BigInt64Array, Number);
        const probabilities = out.probabilities!.data as Float32Array;

        expect(fromNumpy.label, model).toEqual(labels);
        fromNumpy.probabilities.flat().forEach((p, i) => {
          expect(Math.abs(p - probabilities[i]!), `${model} probability ${i}`).toBeLessThan(1e-5);
        });
      }
    },
  );
});

// Checks the model with onnx.checker (full check: shape inference too), then evaluates
// its graph node by node with numpy — an independent reading of the ONNX file.
const NUMPY_EVAL = `
import json, sys
import numpy as np
import onnx
from onnx import numpy_helper

model = onnx.load(sys.argv[1])
onnx.checker.check_model(model, full_check=True)
assert [o.version for o in model.opset_import] == [13], model.opset_import
values = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
values["input"] = np.array(json.load(open(sys.argv[2])), dtype=np.float32)
def attr(node, name):
    return next(onnx.helper.get_attribute_value(a) for a in node.attribute if a.name == name)
for node in model.graph.node:
    x = [values[i] for i in node.input]
    op = node.op_type
    if op == "Sub": y = x[0] - x[1]
    elif op == "Div": y = x[0] / x[1]
    elif op == "Add": y = x[0] + x[1]
    elif op == "MatMul": y = x[0] @ x[1]
    elif op == "Tanh": y = np.tanh(x[0])
    elif op == "Relu": y = np.maximum(x[0], 0)
    elif op == "Softmax":
        e = np.exp(x[0] - x[0].max(axis=attr(node, "axis"), keepdims=True))
        y = e / e.sum(axis=attr(node, "axis"), keepdims=True)
    elif op == "ArgMax": y = np.argmax(x[0], axis=attr(node, "axis")).astype(np.int64)
    else: raise SystemExit("unexpected op " + op)
    values[node.output[0]] = y
outputs = [o.name for o in model.graph.output]
assert outputs == ["label", "probabilities"], outputs
print(json.dumps({"label": values["label"].tolist(), "probabilities": values["probabilities"].astype(float).tolist()}))
`;
