import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseRun } from '../compare/__fixtures__/records.js';
import { loadPipeline } from '../pipeline/load.js';
import { tempProjects } from '../testing/project.js';
import { artifactFiles } from './files.js';

const project = tempProjects();

describe('artifactFiles', () => {
  it('lists metrics, plots in DVC shapes that exist, stats and predictions, each once', () => {
    const p = project({
      'cd4ml.yaml': `stages:
  train:
    foreach: [a, b]
    do:
      cmd: echo \${item}
      outs:
        - models/\${item}.txt
      metrics:
        - models/\${item}/metrics.json: { cache: false }
      plots:
        - models/\${item}/loss.csv
  evaluate:
    cmd: echo
    metrics: [eval/metrics.json]
    plots:
      - eval/roc.csv: { x: fpr, y: tpr }
metrics: [eval/metrics.json, summary.json]
plots:
  - confusion:
      template: confusion
      x: predicted
      y: { eval/confusion.csv: actual }
  - eval/absent.csv
stats: [data/stats.json]
predictions: eval/predictions.csv
`,
      'eval/roc.csv': 'fpr,tpr\n',
      'eval/confusion.csv': 'predicted,actual\n',
    });
    const pipeline = loadPipeline(join(p.dir, 'cd4ml.yaml'));
    const files = artifactFiles(pipeline, baseRun());
    expect(files.map((f) => `${f.role} ${f.path}`)).toEqual([
      'metrics eval/metrics.json',
      'metrics summary.json',
      'metrics models/a/metrics.json',
      'metrics models/b/metrics.json',
      'plots eval/confusion.csv',
      'plots eval/roc.csv',
      'stats data/stats.json',
      // The record names the predictions it saved.
      `predictions ${baseRun().predictions!.source}`,
    ]);
  });
});
