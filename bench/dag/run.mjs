#!/usr/bin/env node
// bench:dag — cd4ml's runner against make on the same 200-stage DAG, in one run.
//
// A layered DAG (20 layers × 10 stages): each stage cats two upstream outs (layer 0:
// a data file and a seed) into its own out. Both tools run the same shell commands.
// Prints: cold run of `make -j2` vs `cd4ml run --jobs 2` (median of N), and a fully
// cached cd4ml re-run with 200 MB of data deps vs a bare `node -e ''`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, resolve } from 'node:path';

const LAYERS = 20;
const WIDTH = 10;
const DATA_FILES = 10;
const DATA_MB = 20;
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const cli = resolve(import.meta.dirname, '../../bin/cd4ml.js');

const dir = mkdtempSync(join(tmpdir(), 'cd4ml-bench-dag-'));
mkdirSync(join(dir, 'data'));
const block = Buffer.alloc(1 << 20);
for (let i = 0; i < DATA_FILES; i += 1) {
  const file = join(dir, 'data', `d${i}.bin`);
  for (let mb = 0; mb < DATA_MB; mb += 1) {
    block.fill(i * 31 + mb);
    writeFileSync(file, block, { flag: mb === 0 ? 'w' : 'a' });
  }
}
writeFileSync(join(dir, 'seed.txt'), 'seed\n');

const stages = [];
for (let layer = 0; layer < LAYERS; layer += 1) {
  for (let i = 0; i < WIDTH; i += 1) {
    const out = `out/${layer}_${i}.txt`;
    const deps = layer === 0 ? [`data/d${i % DATA_FILES}.bin`, 'seed.txt'] : [`out/${layer - 1}_${i}.txt`, `out/${layer - 1}_${(i + 1) % WIDTH}.txt`];
    // cksum keeps outs small: cat-ing outs straight through would double them every layer.
    stages.push({ name: `s${layer}_${i}`, deps, out, cmd: `cat ${deps.join(' ')} | cksum > ${out}` });
  }
}
writeFileSync(
  join(dir, 'Makefile'),
  `all: ${stages.map((s) => s.out).join(' ')}\n\n` + stages.map((s) => `${s.out}: ${s.deps.join(' ')}\n\t@mkdir -p out && ${s.cmd}\n`).join('\n'),
);
writeFileSync(
  join(dir, 'cd4ml.yaml'),
  'stages:\n' + stages.map((s) => `  ${s.name}:\n    cmd: ${s.cmd}\n    deps: [${s.deps.join(', ')}]\n    outs: [${s.out}]\n`).join(''),
);
execFileSync('git', ['init', '-q'], { cwd: dir });
writeFileSync(join(dir, '.gitignore'), '/out\n/.cd4ml\n/cd4ml.lock\n/cd4ml-run.json\n');
execFileSync('git', ['add', '.'], { cwd: dir });
execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-qm', 'bench'], { cwd: dir });

function time(command, args, { before } = {}) {
  const samples = [];
  for (let i = 0; i < REPEAT; i += 1) {
    before?.();
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: 'true' } });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
    samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}
const clean = () => {
  for (const path of ['out', '.cd4ml', 'cd4ml.lock', 'cd4ml-run.json']) rmSync(join(dir, path), { recursive: true, force: true });
};

// Warm the page cache and the filesystem for both.
time('cat', ['data/d0.bin'], {});
const make = time('make', ['-j2', '-s'], { before: clean });
const cd4mlCold = time('node', [cli, 'run', '--jobs', '2'], { before: clean });
// Lock, hash cache and outs in place: the run decides every stage is unchanged.
const cd4mlCached = time('node', [cli, 'run', '--jobs', '2']);
const bareNode = time('node', ['-e', '']);
rmSync(dir, { recursive: true, force: true });

const fmt = (ms) => `${ms.toFixed(0).padStart(6)} ms`;
const cold = cd4mlCold / make;
const cached = cd4mlCached / bareNode;
console.log(`bench:dag — ${LAYERS * WIDTH} stages (${LAYERS}×${WIDTH}), ${DATA_FILES * DATA_MB} MB of data deps, median of ${REPEAT}, ${cpus().length} CPUs, node ${process.version}`);
console.log(`  make -j2 (clean)                 ${fmt(make)}`);
console.log(`  cd4ml run --jobs 2 (clean)       ${fmt(cd4mlCold)}   ${cold.toFixed(2)}× make      target ≤ 1.30× ${cold <= 1.3 ? 'PASS' : 'MISS'}`);
console.log(`  cd4ml run (fully cached re-run)  ${fmt(cd4mlCached)}   ${cached.toFixed(2)}× bare node target ≤ 4.00× ${cached <= 4 ? 'PASS' : 'MISS'}`);
console.log(`  node -e '' (bare start)          ${fmt(bareNode)}`);
