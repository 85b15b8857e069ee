// train <candidate>: fits the candidate that params.yaml describes under candidates.<name>
// on the training split and exports it, standardisation included, as models/<name>/model.onnx.
import { mkdirSync, writeFileSync } from 'node:fs';
import { CLASSES, FEATURES, readParams, readSplit, round, writeJson } from './lib/data.mjs';
import { accuracy, logLoss } from './lib/metrics.mjs';
import { fitStandardizer, predictProba, standardize, train } from './lib/network.mjs';
import { exportOnnx } from './lib/onnx.mjs';

const name = process.argv[2];
const params = readParams();
const candidate = params.candidates?.[name];
if (!candidate) {
  console.error(`train: no candidate '${name}' under candidates in params.yaml`);
  process.exit(2);
}

const { X, y } = readSplit('train');
const standardizer = fitStandardizer(X);
const Xs = standardize(X, standardizer);
const hidden = candidate.hidden > 0 ? [candidate.hidden] : [];
const net = train(Xs, y, CLASSES.length, { ...candidate, hidden, seed: params.train.seed });

const probabilities = predictProba(net, Xs);
const predicted = probabilities.map((p) => p.indexOf(Math.max(...p)));
mkdirSync(`models/${name}`, { recursive: true });
writeFileSync(
  `models/${name}/model.onnx`,
  exportOnnx(net, standardizer, { name, classes: CLASSES, features: FEATURES }),
);
const metrics = {
  train_accuracy: round(accuracy(y, predicted)),
  train_log_loss: round(logLoss(y, probabilities)),
  parameters: net.layers.reduce((s, { W, b }) => s + W.length * b.length + b.length, 0),
};
writeJson(`models/${name}/train.json`, metrics);
console.log(`${name}: ${JSON.stringify(metrics)}`);
