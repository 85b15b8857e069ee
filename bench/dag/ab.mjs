#!/usr/bin/env node
// bench:dag A/B — two builds of cd4ml on bench:dag's DAG, interleaved sample by sample, so
// a machine whose load changes by the minute (other jobs, other tests) weighs on both alike.
//
//   node bench/dag/ab.mjs <before/bin/cd4ml.js> <after/bin/cd4ml.js> [samples, default 15]
//
// Each sample, for each build in alternating order: a cold run from clean (no outs, no
// state) of the plain DAG, and a cached re-run (nothing changed) of the DAG with 200 MB of
// data deps. Prints the medians of wall time and of CPU time (user + system of the run and
// everything it started, from bash's `time`), which a loaded machine disturbs far less.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { clean, project } from './project.mjs';

const [beforeCli, afterCli, n] = process.argv.slice(2);
if (!beforeCli || !afterCli) {
  console.error('usage: node bench/dag/ab.mjs <before cd4ml.js> <after cd4ml.js> [samples]');
  process.exit(2);
}
const SAMPLES = Number(n ?? 15);
const clis = { before: resolve(beforeCli), after: resolve(afterCli) };

function run(dir, cli, before) {
  before?.();
  const result = spawnSync(
    'bash',
    ['-c', `TIMEFORMAT='%R %U %S'; time node "$0" run --jobs 2 >/dev/null 2>/dev/null`, cli],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
  );
  if (result.status !== 0) throw new Error(`${cli} run failed in ${dir}`);
  const [real, user, sys] = result.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall: real * 1000, cpu: (user + sys) * 1000 };
}

const plain = project({ data: false });
const withData = project({ data: true });
const samples = { before: { cold: [], cached: [] }, after: { cold: [], cached: [] } };
// Once each first: the page cache, the compile cache and the data hashes are warm for both.
for (const version of ['before', 'after']) {
  run(withData, clis[version], clean(withData));
  run(withData, clis[version]);
}
for (let i = 0; i < SAMPLES; i += 1) {
  for (const version of i % 2 ? ['before', 'after'] : ['after', 'before']) {
    samples[version].cold.push(run(plain, clis[version], clean(plain)));
    // A cold run of this build first, so the re-run reads this build's own state.
    run(withData, clis[version], clean(withData));
    samples[version].cached.push(run(withData, clis[version]));
  }
}
for (const dir of [plain, withData])
  for (const path of [dir, `${dir}.trash`]) rmSync(path, { recursive: true, force: true });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(
  `bench:dag A/B — median of ${SAMPLES}, interleaved, ${cpus().length} CPUs, node ${process.version}`,
);
for (const kind of ['cold', 'cached']) {
  for (const measure of ['wall', 'cpu']) {
    const before = median(samples.before[kind].map((s) => s[measure]));
    const after = median(samples.after[kind].map((s) => s[measure]));
    console.log(
      `  ${kind.padEnd(6)} ${measure.padEnd(4)}  before ${before.toFixed(0).padStart(5)} ms   after ${after.toFixed(0).padStart(5)} ms   after/before ${(after / before).toFixed(3)}`,
    );
  }
}
