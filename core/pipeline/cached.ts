import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readTextIfPresent } from '../fs/read.js';
import { fileStamp } from '../fs/stamp.js';
import { join, resolve } from 'node:path';
import type { Pipeline } from './model.js';

/** Bumped whenever the shape of `Pipeline` or the loader's semantics change. */
const FORMAT = 4;

interface Entry {
  format: number;
  cwd: string;
  inputs: Array<{ path: string; stamp: string | null }>;
  pipeline: Pipeline;
}

/**
 * The loaded pipeline, reused while the pipeline file and the params/vars files it
 * reads are untouched (same inode, size and mtime). Parsing YAML and validating a
 * 200-stage file costs more than the rest of a no-op run, so only a change pays it.
 * A freshly loaded pipeline is remembered after the caller's current turn: a run starts
 * its first stages before it spends time on the memo.
 */
export async function loadPipelineCached(file: string, tmpDir: string): Promise<Pipeline> {
  const absolute = resolve(file);
  const cacheFile = join(tmpDir, 'pipeline.json');
  try {
    const entry = JSON.parse(readTextIfPresent(cacheFile) ?? 'null') as Entry | null;
    if (
      entry &&
      entry.format === FORMAT &&
      entry.cwd === process.cwd() &&
      entry.pipeline.file === absolute &&
      entry.inputs.every((input) => (fileStamp(input.path) ?? null) === input.stamp)
    ) {
      return entry.pipeline;
    }
  } catch {
    // No usable cache: load below.
  }
  const { loadPipeline } = await import('./load.js');
  const pipeline = loadPipeline(absolute);
  // Stamped now: an edit made while the run goes on must not be remembered as this pipeline.
  const inputs = [absolute, ...pipeline.sources, ...(pipeline.scanned ?? [])].map((path) => ({
    path,
    stamp: fileStamp(path) ?? null,
  }));
  const cwd = process.cwd();
  setImmediate(() => {
    try {
      mkdirSync(tmpDir, { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ format: FORMAT, cwd, inputs, pipeline } satisfies Entry));
      renameSync(tmp, cacheFile);
    } catch {
      // Only a memo: the next run loads the file again.
    }
  });
  return pipeline;
}
