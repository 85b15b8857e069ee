import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProjects } from '../testing/project.js';
import { loadPipeline } from './load.js';

const project = tempProjects();
const STAGES = 'stages:\n  eval:\n    cmd: echo\n    outs: [eval/predictions.csv]\n';

function load(top: string): ReturnType<typeof loadPipeline> {
  return loadPipeline(join(project({ 'cd4ml.yaml': `${top}${STAGES}` }).dir, 'cd4ml.yaml'));
}

describe('predictions:', () => {
  it('takes a plain path, with no slices', () => {
    const pipeline = load('predictions: ./eval/predictions.csv\n');
    expect(pipeline.predictions).toBe('eval/predictions.csv');
    expect(pipeline.predictionSlices).toEqual([]);
  });

  it('takes { file, slices }, slices deduplicated in order', () => {
    const pipeline = load(
      'predictions:\n  file: eval/predictions.csv\n  slices: [region, device, region]\n',
    );
    expect(pipeline.predictions).toBe('eval/predictions.csv');
    expect(pipeline.predictionSlices).toEqual(['region', 'device']);
  });

  it('names an unknown key of the object form with its line', () => {
    const p = project({
      'cd4ml.yaml': `predictions:\n  file: eval/predictions.csv\n  slice: [region]\n${STAGES}`,
    });
    const file = join(p.dir, 'cd4ml.yaml');
    expect(() => loadPipeline(file)).toThrow(
      `${relative(process.cwd(), file)}:3:3: predictions.slice: unknown key 'slice'`,
    );
  });
});
