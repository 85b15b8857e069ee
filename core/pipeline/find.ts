import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Cd4mlError } from '../errors.js';

const PIPELINE_FILES = ['cd4ml.yaml', 'dvc.yaml'] as const;

/** Finds the pipeline file in `dir`: `cd4ml.yaml` first, then a plain `dvc.yaml`. */
export function findPipelineFile(dir: string): string {
  for (const name of PIPELINE_FILES) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  throw new Cd4mlError('E_SPEC', `no pipeline file in ${dir}`, {
    hint: 'create cd4ml.yaml (or dvc.yaml) with a `stages:` section, or pass one with -f',
  });
}
