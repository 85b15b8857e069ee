// select: the champion is the candidate with the best select.metric (from its
// eval/<name>/metrics.json); it becomes model.onnx and its evaluation becomes champion/.
// The candidates are the ones params.yaml lists now, not whatever models/ still holds.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { readParams, writeJson } from './lib/data.mjs';

const params = readParams();
const { metric, direction = /loss|error/.test(metric) ? 'lower' : 'higher' } = params.select;
const names = Object.keys(params.candidates).sort();
const scores = Object.fromEntries(
  names.map((name) => [name, JSON.parse(readFileSync(`eval/${name}/metrics.json`, 'utf8'))]),
);
const better = (a, b) => (direction === 'lower' ? a < b : a > b);
let best = names[0];
for (const name of names) if (better(scores[name][metric], scores[best][metric])) best = name;

mkdirSync('champion', { recursive: true });
copyFileSync(`models/${best}/model.onnx`, 'model.onnx');
copyFileSync(`eval/${best}/predictions.csv`, 'champion/predictions.csv');
copyFileSync(`eval/${best}/confusion.json`, 'champion/confusion.json');
const { accuracy, macro_f1, log_loss } = scores[best];
writeJson('champion/metrics.json', { accuracy, macro_f1, log_loss });
console.log(
  `champion: ${best} (${metric}=${scores[best][metric]}, ${direction} is better) of ${names.join(', ')}`,
);
