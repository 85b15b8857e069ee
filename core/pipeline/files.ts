import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { YamlSource } from '../yaml/source.js';

export const DEFAULT_PARAMS_FILE = 'params.yaml';

/** Reads (and caches) params files as data; overrides win over the disk. */
export function paramsReader(
  root: string,
  overrides?: Map<string, unknown>,
): (file: string) => unknown {
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
