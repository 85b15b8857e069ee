// A stage's plots are files it writes, as in DVC: restoring the stage from the run-cache
// (a fresh CI checkout with .cd4ml/cache restored) must bring them back, or a stage after
// it that reads a plot finds nothing.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProjects } from '../testing/project.js';
import { runPipeline } from './run.js';

const project = tempProjects();

const PIPELINE = [
  'stages:',
  '  evaluate:',
  '    cmd: mkdir -p eval && cp model.txt eval/confusion.json && echo 1 > eval/score.txt',
  '    deps: [model.txt]',
  '    outs: [eval/score.txt]',
  '    plots:',
  '      - eval/confusion.json: { template: confusion, x: actual, y: predicted }',
  '  select:',
  '    cmd: cp eval/confusion.json champion.json',
  '    deps: [eval]',
  '    outs: [champion.json]',
].join('\n');

async function run(dir: string) {
  const result = await runPipeline({ pipelineFile: join(dir, 'cd4ml.yaml'), jobs: 2 });
  return Object.fromEntries(Object.entries(result.stages).map(([name, s]) => [name, s.status]));
}

describe('plots in the run-cache', () => {
  it('are restored with their stage, so a fresh checkout with the cache needs no rerun', async () => {
    const { dir } = project({ 'cd4ml.yaml': PIPELINE, 'model.txt': 'plot\n' });
    expect(await run(dir)).toEqual({ evaluate: 'ran', select: 'ran' });
    const plot = readFileSync(join(dir, 'eval/confusion.json'), 'utf8');

    // What a fresh checkout has: the pipeline and the restored cache, no outs, no lock.
    for (const path of ['eval', 'champion.json', 'cd4ml.lock'])
      rmSync(join(dir, path), { recursive: true, force: true });
    expect(await run(dir)).toEqual({ evaluate: 'cached', select: 'cached' });
    expect(readFileSync(join(dir, 'eval/confusion.json'), 'utf8')).toBe(plot);
    expect(existsSync(join(dir, 'champion.json'))).toBe(true);
  });
});
