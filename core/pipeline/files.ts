import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { YamlSource } from '../config/yaml-source.js';
import { Cd4mlError } from '../errors.js';

export const DEFAULT_PARAMS_FILE = 'params.yaml';

/** Reads (and caches) params files as data; overrides win over the disk. */
export function paramsReader(root: string, overrides?: Map<string, unknown>): (file: string) => unknown {
  const cache = new Map<string, unknown>(overrides);
  return (file) => {
    if (cache.has(file)) return cache.get(file);
    const path = join(root, file);
    let data: unknown;
    if (existsSync(path)) {
      const source = YamlSource.parse(readFileSync(path, 'utf8'), file, 'E_PARAMS');
      data = source.data ?? {};
    }
    cache.set(file, data);
    return data;
  };
}

export const PIPELINE_FILES = ['cd4ml.yaml', 'dvc.yaml'] as const;

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

