// evaluate <candidate>: scores models/<name>/model.onnx with onnxruntime-node — the exported
// graph, not the training code's float64 weights — on the validation and test splits, and
// times single-row inference.
import { performance } from 'node:perf_hooks';
import ort from 'onnxruntime-node';
import { CLASSES, readParams, readSplit, round, writeCsv, writeJson } from './lib/data.mjs';
import { accuracy, confusionMatrix, logLoss, macroF1, quantile } from './lib/metrics.mjs';

const name = process.argv[2];
const { latency_runs: latencyRuns = 200 } = readParams().evaluate ?? {};
const session = await ort.InferenceSession.create(`models/${name}/model.onnx`, {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
});

function tensor(X) {
  return new ort.Tensor('float32', Float32Array.from(X.flat()), [X.length, X[0].length]);
}

async function score(X) {
  const out = await session.run({ input: tensor(X) });
  const k = CLASSES.length;
  const probs = out.probabilities.data;
  return {
    predicted: Array.from(out.label.data, Number),
    probabilities: X.map((_, i) => Array.from(probs.subarray(i * k, (i + 1) * k))),
  };
}

const val = readSplit('val');
const test = readSplit('test');
const v = await score(val.X);
const t = await score(test.X);
const dir = `eval/${name}`;

// Quality metrics are deterministic (same params → same file); timings go to latency.json.
writeJson(`${dir}/metrics.json`, {
  accuracy: round(accuracy(test.y, t.predicted)),
  macro_f1: round(macroF1(test.y, t.predicted, CLASSES)),
  log_loss: round(logLoss(test.y, t.probabilities)),
  val_accuracy: round(accuracy(val.y, v.predicted)),
  val_log_loss: round(logLoss(val.y, v.probabilities)),
});

// Confusion matrix as DVC-style plot data: one {actual, predicted} record per test row.
writeJson(
  `${dir}/confusion.json`,
  test.y.map((actual, i) => ({ actual: CLASSES[actual], predicted: CLASSES[t.predicted[i]] })),
);
const matrix = confusionMatrix(test.y, t.predicted, CLASSES);

// Per-example predictions for the PR report's paired significance test; score is the
// probability the model gave the class it predicted; `sepal` is a slice column (the
// report compares accuracy per value: short or long sepals).
writeCsv(
  `${dir}/predictions.csv`,
  ['id', 'label', 'prediction', 'score', 'sepal'],
  test.ids.map((id, i) => [
    id,
    CLASSES[test.y[i]],
    CLASSES[t.predicted[i]],
    t.probabilities[i][t.predicted[i]].toFixed(6),
    test.X[i][0] < 5.8 ? 'short' : 'long',
  ]),
);

// Latency of the exported model: single-row runs after a warm-up.
const row = tensor([test.X[0]]);
for (let i = 0; i < 20; i++) await session.run({ input: row });
const times = [];
for (let i = 0; i < latencyRuns; i++) {
  const start = performance.now();
  await session.run({ input: row });
  times.push(performance.now() - start);
}
writeJson(`${dir}/latency.json`, {
  latency_p50_ms: round(quantile(times, 0.5), 4),
  latency_p95_ms: round(quantile(times, 0.95), 4),
});
await session.release();
console.log(
  `${name}: test accuracy ${accuracy(test.y, t.predicted).toFixed(4)}, confusion ${JSON.stringify(matrix)}`,
);
