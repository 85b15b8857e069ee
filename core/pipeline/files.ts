import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Schema } from 'js-yaml';
import { PARSE_LIMITS } from '../yaml/limits.js';
import { YamlSource } from '../yaml/source.js';

export const DEFAULT_PARAMS_FILE = 'params.yaml';

/**
 * Reads (and caches) params files as data; overrides win over the disk. `schema`: how to
 * read scalars (the interpolation context reads floats as Python does).
 */
export function paramsReader(
  root: string,
  overrides?: Map<string, unknown>,
  schema?: Schema,
): (file: string) => unknown {
  const cache = new Map<string, unknown>(overrides);
  return (file) => {
    if (cache.has(file)) return cache.get(file);
    const path = join(root, file);
    let data: unknown;
    if (existsSync(path)) {
      const source = YamlSource.parse(
        readFileSync(path, 'utf8'),
        file,
        'E_PARAMS',
        PARSE_LIMITS,
        schema,
      );
      data = source.data ?? {};
    }
    cache.set(file, data);
    return data;
  };
}
