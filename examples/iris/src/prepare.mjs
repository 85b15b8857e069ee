// prepare: a seeded, stratified train/validation/test split of data/iris.csv, and the
// dataset statistics the PR report diffs.
import { CLASSES, FEATURES, readCsv, readParams, round, writeCsv, writeJson } from './lib/data.mjs';
import { createRandom, shuffled } from './lib/random.mjs';

const { seed, test_size: testSize, val_size: valSize } = readParams().prepare;
const rows = readCsv('data/iris.csv');
const random = createRandom(seed);

const parts = { train: [], val: [], test: [] };
for (const species of CLASSES) {
  const members = shuffled(
    rows.filter((row) => row.species === species),
    random,
  );
  const nTest = Math.round(members.length * testSize);
  const nVal = Math.round(members.length * valSize);
  parts.test.push(...members.slice(0, nTest));
  parts.val.push(...members.slice(nTest, nTest + nVal));
  parts.train.push(...members.slice(nTest + nVal));
}

for (const [name, members] of Object.entries(parts)) {
  members.sort((a, b) => Number(a.id) - Number(b.id));
  writeCsv(
    `data/split/${name}.csv`,
    ['id', ...FEATURES, 'label'],
    members.map((row) => [row.id, ...FEATURES.map((f) => row[f]), CLASSES.indexOf(row.species)]),
  );
}

const column = (f) => rows.map((row) => Number(row[f]));
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
writeJson('data/stats.json', {
  rows: Object.fromEntries(Object.entries(parts).map(([name, m]) => [name, m.length])),
  features: FEATURES.length,
  classes: Object.fromEntries(
    CLASSES.map((c) => [c, rows.filter((row) => row.species === c).length]),
  ),
  missing_values: rows.filter((row) =>
    FEATURES.some((f) => row[f] === '' || Number.isNaN(Number(row[f]))),
  ).length,
  columns: Object.fromEntries(
    FEATURES.map((f) => {
      const xs = column(f);
      const m = mean(xs);
      return [
        f,
        { mean: round(m, 4), std: round(Math.sqrt(mean(xs.map((x) => (x - m) ** 2))), 4) },
      ];
    }),
  ),
});
console.log(
  `prepared ${rows.length} rows: ` +
    Object.entries(parts)
      .map(([name, m]) => `${name}=${m.length}`)
      .join(', '),
);
