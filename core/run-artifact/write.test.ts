import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseRun, historyRuns } from '../compare/__fixtures__/records.js';
import { tempProjects } from '../testing/project.js';
import { toHistoryEntry } from './history.js';
import { MODEL_CARD_JSON, MODEL_CARD_MD, MODEL_FILE, writeModelArtifact } from './model.js';
import { carryHistory, writeRunArtifact } from './write.js';

const project = tempProjects();

describe('carryHistory', () => {
  const previous = historyRuns().map((run) => toHistoryEntry(run));

  it('appends a successful run and keeps the newest `limit`', () => {
    const runs = carryHistory(previous, baseRun(), 3);
    expect(runs.map((r) => r.id)).toEqual([...previous.slice(-2).map((r) => r.id), baseRun().id]);
    // Virtual metrics travel with the entry, so a trend over model.bytes needs no record.
    expect(runs.at(-1)?.metrics['model.bytes']).toBe(baseRun().model!.bytes);
  });

  it('carries the history on unchanged past a failed run, and replaces a re-recorded run', () => {
    const failed = { ...baseRun(), status: 'failed' as const };
    expect(carryHistory(previous, failed, 20)).toEqual(previous);
    const again = carryHistory([...previous, toHistoryEntry(baseRun())], baseRun(), 20);
    expect(again.filter((r) => r.id === baseRun().id)).toHaveLength(1);
    expect(carryHistory(previous, baseRun(), 0)).toEqual([]);
  });
});

describe('writeRunArtifact', () => {
  it('lists what it left out: unsafe paths, non-data files, missing files', async () => {
    const p = project({ 'model.onnx': 'x', 'eval/m.json': '{}' });
    const manifest = await writeRunArtifact(join(p.dir, 'out'), {
      root: p.dir,
      record: baseRun(),
      files: [
        { path: 'eval/m.json', role: 'metrics' },
        { path: 'eval/m.json', role: 'metrics' },
        { path: '../outside.json', role: 'metrics' },
        { path: 'model.onnx', role: 'plots' },
        { path: 'gone.csv', role: 'plots' },
      ],
      historyLimit: 20,
    });
    expect(manifest.files.map((f) => f.path)).toEqual(['eval/m.json']);
    expect(manifest.files[0]?.sha256).toBe(createHash('sha256').update('{}').digest('hex'));
    expect(manifest.skipped.map((s) => `${s.path}: ${s.reason}`)).toEqual([
      '../outside.json: its path has an empty, "." or ".." segment',
      'model.onnx: not a data file the layout allows (.json, .yaml, .yml, .csv, .tsv, .txt)',
      'gone.csv: missing',
    ]);
  });
});

describe('writeModelArtifact', () => {
  it('writes the model and its card (json and markdown)', async () => {
    const bytes = 'onnx bytes';
    const p = project({ 'model.onnx': bytes });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const record = {
      ...baseRun(),
      model: { ...baseRun().model!, path: 'model.onnx', sha256, bytes: 10 },
    };
    const out = join(p.dir, 'model-artifact');
    const card = await writeModelArtifact(out, p.dir, record);
    expect(readFileSync(join(out, MODEL_FILE), 'utf8')).toBe(bytes);
    expect(JSON.parse(readFileSync(join(out, MODEL_CARD_JSON), 'utf8'))).toEqual(card);
    expect(card).toMatchObject({
      schema: 'cd4ml/model-card@1',
      sha256,
      run: { id: record.id, commit: record.git.commit },
      metrics: { accuracy: record.metrics.accuracy },
    });
    const md = readFileSync(join(out, MODEL_CARD_MD), 'utf8');
    expect(md).toContain(`- **sha256**: <code>${sha256}</code>`);
    expect(md).toContain(
      `| input | <code>${record.model.inputs[0]!.name}</code> | <code>float32</code> | \\[batch, 30\\] |`,
    );
    expect(md).toMatch(/\| accuracy \| 0\.95\d+ \|/);
  });

  it('refuses a model file that changed since the run, and a run without a model', async () => {
    const p = project({ 'model.onnx': 'changed' });
    const record = { ...baseRun(), model: { ...baseRun().model!, path: 'model.onnx' } };
    await expect(writeModelArtifact(join(p.dir, 'm'), p.dir, record)).rejects.toMatchObject({
      code: 'E_MODEL',
      message: expect.stringContaining('the model file changed since the run recorded it'),
    });
    await expect(
      writeModelArtifact(join(p.dir, 'm'), p.dir, { ...baseRun(), model: null }),
    ).rejects.toThrow('the run recorded no model');
  });
});
