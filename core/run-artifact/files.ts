import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { load as parseYaml } from 'js-yaml';
import type { Pipeline } from '../pipeline/model.js';
import type { RunRecord } from '../run-record/schema.js';
import type { ArtifactFile } from './write.js';

/**
 * The files a run artifact carries for a run of `pipeline`: metrics files (top-level
 * `metrics:` and stages' `metrics:` outs), plots data that exists on disk, `stats:` files
 * and the per-example predictions. Repository-relative, in that order, without repeats.
 */
export function artifactFiles(pipeline: Pipeline, record: RunRecord): ArtifactFile[] {
  const files: ArtifactFile[] = [];
  const seen = new Set<string>();
  const add = (path: string, role: ArtifactFile['role']): void => {
    const posix = path.split(sep).join('/');
    if (seen.has(posix)) return;
    seen.add(posix);
    files.push({ path: posix, role });
  };
  for (const path of pipeline.metrics) add(path, 'metrics');
  for (const stage of pipeline.stages)
    for (const out of stage.outs) if (out.metric) add(out.path, 'metrics');
  for (const path of pipelinePlots(pipeline)) add(path, 'plots');
  for (const path of pipeline.stats) add(path, 'stats');
  if (record.predictions) add(record.predictions.source, 'predictions');
  return files;
}

/**
 * Plot data files named in the pipeline file (top-level and stages' `plots:`, DVC's
 * shapes: a path, `{path: {…}}`, or `{id: {y: {file: column}}}`) that exist as files.
 * Paths with `${…}` left in them (foreach items) are skipped.
 */
function pipelinePlots(pipeline: Pipeline): string[] {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(pipeline.file, 'utf8'));
  } catch {
    return [];
  }
  const candidates: string[] = [];
  const collect = (entries: unknown): void => {
    if (!Array.isArray(entries)) return;
    for (const entry of entries as unknown[]) {
      if (typeof entry === 'string') candidates.push(entry);
      else if (entry && typeof entry === 'object') {
        for (const [key, value] of Object.entries(entry) as [string, unknown][]) {
          candidates.push(key);
          const axes: unknown[] = value && typeof value === 'object' ? Object.values(value) : [];
          for (const axis of axes)
            if (axis && typeof axis === 'object' && !Array.isArray(axis))
              candidates.push(...Object.keys(axis));
        }
      }
    }
  };
  if (doc && typeof doc === 'object') {
    const top = doc as { plots?: unknown; stages?: unknown };
    collect(top.plots);
    if (top.stages && typeof top.stages === 'object')
      for (const stage of Object.values(top.stages))
        if (stage && typeof stage === 'object') collect((stage as { plots?: unknown }).plots);
  }
  return candidates.filter((path) => {
    if (path.includes('${')) return false;
    const rel = normalize(path);
    if (rel.startsWith('..') || rel.startsWith(sep)) return false;
    const abs = join(pipeline.root, rel);
    return existsSync(abs) && statSync(abs).isFile();
  });
}
