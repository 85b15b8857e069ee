// Reading and writing the example's small CSV files and params.yaml.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse } from 'yaml';

export const FEATURES = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];
export const CLASSES = ['setosa', 'versicolor', 'virginica'];

/** params.yaml of the pipeline (stages run from the example's root). */
export function readParams() {
  return parse(readFileSync('params.yaml', 'utf8'));
}

/** A CSV without quoting (all this example writes) as an array of objects. */
export function readCsv(file) {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const names = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(names.map((name, i) => [name, cells[i]]));
  });
}

export function writeCsv(file, header, rows) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, [header.join(','), ...rows.map((row) => row.join(','))].join('\n') + '\n');
}

export function writeJson(file, value) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

/** One part of the split written by prepare: ids, feature rows and class indices. */
export function readSplit(name) {
  const rows = readCsv(`data/split/${name}.csv`);
  return {
    ids: rows.map((row) => row.id),
    X: rows.map((row) => FEATURES.map((f) => Number(row[f]))),
    y: rows.map((row) => Number(row.label)),
  };
}

/** Rounds for metrics files: stable text across platforms, no 17-digit noise. */
export function round(value, digits = 6) {
  return Number(value.toFixed(digits));
}
