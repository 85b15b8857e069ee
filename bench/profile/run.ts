/**
 * Data profiling vs pandas, side by side: a 1,000,000-row × 5-column CSV (integer id,
 * log-normal income, integer age, normal score, a 5-value region) profiled by cd4ml
 * (`profileFile`, in-process) and read and described by pandas
 * (`pd.read_csv(path).describe(include='all')`, Debian's python3-pandas, in-process time),
 * alternating, N rounds; each side's time excludes its interpreter's start.
 *
 *   npx tsx bench/profile/run.ts [--rows 1000000] [--rounds 3] [--python /usr/bin/python3]
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { profileFile } from '../../core/profile/profile.js';
import { mulberry32 } from '../../core/stats/random.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '3' },
    python: { type: 'string', default: '/usr/bin/python3' },
  },
});
const rows = Number(values.rows);
const rounds = Number(values.rounds);

async function writeCsv(path: string): Promise<void> {
  const random = mulberry32(1);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const regions = ['north', 'south', 'east', 'west', 'central'];
  const out = createWriteStream(path);
  out.write('id,income,age,score,region\n');
  let batch = '';
  for (let i = 0; i < rows; i++) {
    batch += `${i},${Math.exp(10 + normal()).toFixed(2)},${18 + Math.floor(random() * 72)},${normal().toFixed(6)},${regions[Math.floor(random() * 5)]}\n`;
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await new Promise<void>((r) => out.once('drain', () => r()));
      batch = '';
    }
  }
  out.end(batch);
  await new Promise<void>((r) => out.on('finish', () => r()));
}

const PANDAS = `
import sys, time
import pandas as pd
t = time.perf_counter()
d = pd.read_csv(sys.argv[1])
d.describe(include='all')
print(time.perf_counter() - t)
`;

function pandas(path: string): number {
  return (
    Number(execFileSync(values.python, ['-c', PANDAS, path], { encoding: 'utf8' }).trim()) * 1000
  );
}

async function cd4ml(path: string): Promise<number> {
  const start = performance.now();
  const entry = await profileFile(path);
  if ('error' in entry) throw new Error(entry.error);
  return performance.now() - start;
}

const dir = mkdtempSync(join(tmpdir(), 'cd4ml-bench-profile-'));
try {
  const path = join(dir, 'data.csv');
  await writeCsv(path);
  const version = execFileSync(values.python, ['-c', 'import pandas; print(pandas.__version__)'], {
    encoding: 'utf8',
  }).trim();
  console.log(
    `${rows.toLocaleString('en-US')} rows × 5 columns, ${(statSync(path).size / 1e6).toFixed(1)} MB; pandas ${version}, Node ${process.version}`,
  );
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const p = pandas(path);
    const c = await cd4ml(path);
    ratios.push(c / p);
    console.log(
      `round ${r + 1}: pandas read_csv+describe ${p.toFixed(0)} ms · cd4ml profile ${c.toFixed(0)} ms · ratio ${(c / p).toFixed(2)}×`,
    );
  }
  ratios.sort((a, b) => a - b);
  console.log(`median ratio ${ratios[Math.floor(ratios.length / 2)]!.toFixed(2)}× (target ≤ 2×)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
