// The DAG that bench:dag measures, shared by run.mjs and ab.mjs: a layered DAG,
// 20 layers × 10, as a Makefile and a cd4ml.yaml with the same shell commands, in a git
// repository; optionally with 200 MB of data deps on layer 0. See run.mjs for why "clean"
// moves state aside instead of deleting it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const LAYERS = 20;
export const WIDTH = 10;
const DATA_MB = 20; // per layer-0 stage: 10 × 20 MB = 200 MB

export function project({ data }) {
  const dir = mkdtempSync(join(tmpdir(), 'cd4ml-bench-dag-'));
  mkdirSync(join(dir, 'seed'));
  for (let i = 0; i < WIDTH; i += 1) writeFileSync(join(dir, 'seed', `${i}.txt`), `seed ${i}\n`);
  if (data) {
    mkdirSync(join(dir, 'data'));
    const block = Buffer.alloc(1 << 20);
    for (let i = 0; i < WIDTH; i += 1) {
      for (let mb = 0; mb < DATA_MB; mb += 1) {
        block.fill(i * 31 + mb);
        writeFileSync(join(dir, 'data', `d${i}.bin`), block, { flag: mb === 0 ? 'w' : 'a' });
      }
    }
  }
  const stages = [];
  for (let layer = 0; layer < LAYERS; layer += 1) {
    for (let i = 0; i < WIDTH; i += 1) {
      const inputs =
        layer === 0
          ? [`seed/${i}.txt`, `seed/${(i + 1) % WIDTH}.txt`]
          : [`out/${layer - 1}_${i}.txt`, `out/${layer - 1}_${(i + 1) % WIDTH}.txt`];
      const deps = layer === 0 && data ? [...inputs, `data/d${i}.bin`] : inputs;
      const out = `out/${layer}_${i}.txt`;
      // Layer 0 keeps only the first lines: cat-ing outs straight through doubles them every layer.
      stages.push({
        name: `s${layer}_${i}`,
        deps,
        out,
        cmd: `cat ${inputs.join(' ')} | head -c 4096 > ${out}`,
      });
    }
  }
  writeFileSync(
    join(dir, 'Makefile'),
    `all: ${stages.map((s) => s.out).join(' ')}\n\n` +
      stages.map((s) => `${s.out}: ${s.deps.join(' ')}\n\t@mkdir -p out && ${s.cmd}\n`).join('\n'),
  );
  writeFileSync(
    join(dir, 'cd4ml.yaml'),
    'stages:\n' +
      stages
        .map(
          (s) =>
            `  ${s.name}:\n    cmd: ${s.cmd}\n    deps: [${s.deps.join(', ')}]\n    outs: [${s.out}]\n`,
        )
        .join(''),
  );
  writeFileSync(join(dir, '.gitignore'), '/out\n/.cd4ml\n/cd4ml.lock\n/cd4ml-run.json\n');
  execFileSync('git', ['init', '-q'], { cwd: dir });
  execFileSync('git', ['add', '.'], { cwd: dir });
  execFileSync(
    'git',
    ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-qm', 'bench'],
    { cwd: dir },
  );
  return dir;
}

export const STATE = ['out', '.cd4ml', 'cd4ml.lock', 'cd4ml-run.json'];
let trashed = 0;
export const clean = (dir) => () => {
  const trash = join(`${dir}.trash`, String((trashed += 1)));
  mkdirSync(trash, { recursive: true });
  for (const path of STATE)
    if (existsSync(join(dir, path))) renameSync(join(dir, path), join(trash, path));
};
export const deleteState = (dir) => () => {
  for (const path of STATE) rmSync(join(dir, path), { recursive: true, force: true });
};
