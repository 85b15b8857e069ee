import type { YamlSource } from '../yaml/source.js';
import { DEFAULT_PARAMS_FILE } from './files.js';
import type { Context } from './interpolate.js';
import { isRecord } from './values.js';

/** The interpolation context: params.yaml, then each `vars` entry in order. */
export function buildContext(
  root: string,
  vars: readonly (string | Record<string, unknown>)[],
  readParams: (file: string) => unknown,
  source: YamlSource,
): Context {
  const context: Context = {};
  const defaults = readParams(DEFAULT_PARAMS_FILE);
  if (isRecord(defaults)) Object.assign(context, defaults);
  for (const [i, entry] of vars.entries()) {
    if (typeof entry !== 'string') {
      Object.assign(context, entry);
      continue;
    }
    const [file = '', keys] = entry.split(':', 2);
    const data = readParams(file);
    if (data === undefined) {
      throw source.error(
        'E_SPEC',
        ['vars', i],
        `vars file '${file}' does not exist`,
        `create ${file} or remove it from vars`,
      );
    }
    if (!isRecord(data))
      throw source.error('E_SPEC', ['vars', i], `vars file '${file}' must hold a mapping`);
    if (keys === undefined) Object.assign(context, data);
    else for (const key of keys.split(',')) context[key.trim()] = data[key.trim()];
  }
  return context;
}
