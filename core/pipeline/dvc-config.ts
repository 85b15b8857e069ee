import { join, relative } from 'node:path';
import { parse } from 'ini';
import { readTextIfPresent } from '../fs/read.js';
import { Cd4mlError } from '../errors.js';

/** How a mapping in a `cmd` unpacks into flags: DVC's `parsing` config section. */
export interface Parsing {
  /** `store_true`: `false` is left out; `boolean_optional`: `false` is `--no-key`. */
  bool: 'store_true' | 'boolean_optional';
  /** `nargs`: `--key a b`; `append`: `--key a --key b`. */
  list: 'nargs' | 'append';
}

export const DEFAULT_PARSING: Parsing = { bool: 'store_true', list: 'nargs' };

/** The DVC config files that shape how a pipeline reads, later ones winning (as DVC merges them). */
export const DVC_CONFIG_FILES = ['.dvc/config', '.dvc/config.local'] as const;

const CHOICES = {
  bool: ['store_true', 'boolean_optional'],
  list: ['nargs', 'append'],
} as const;

/**
 * The `parsing` options of a project's `.dvc/config` and `.dvc/config.local` (an INI file,
 * as DVC's configobj writes it), checked against DVC's schema (dvc/config_schema.py). The
 * other sections are about DVC's own data management (remotes, its cache, Studio) and do
 * not change how a pipeline is read or run: they are left to DVC.
 */
export function readDvcParsing(root: string): Parsing {
  const parsing = { ...DEFAULT_PARSING };
  for (const file of DVC_CONFIG_FILES) {
    const text = readTextIfPresent(join(root, file));
    if (text === undefined) continue;
    const where = relative(process.cwd(), join(root, file));
    const section = (parse(text) as Record<string, unknown>).parsing;
    if (section === undefined || typeof section !== 'object' || section === null) continue;
    for (const [key, raw] of Object.entries(section)) {
      const line = lineOf(text, key);
      if (!(key in CHOICES))
        throw new Cd4mlError('E_SPEC', `unknown option 'parsing.${key}'`, {
          location: { file: where, line },
          hint: "DVC's parsing section has `bool` and `list`",
        });
      const choices: readonly string[] = CHOICES[key as keyof Parsing];
      const value = String(raw).toLowerCase();
      if (!choices.includes(value))
        throw new Cd4mlError('E_SPEC', `parsing.${key} is '${String(raw)}'`, {
          location: { file: where, line },
          hint: `use one of: ${choices.join(', ')}`,
        });
      Object.assign(parsing, { [key]: value });
    }
  }
  return parsing;
}

/** The line of `key =` inside the `[parsing]` section (1-based), for an error. */
function lineOf(text: string, key: string): number | undefined {
  const lines = text.split(/\r?\n/);
  let inParsing = false;
  for (const [i, line] of lines.entries()) {
    const header = /^\s*\[\s*['"]?([^\]'"]+)['"]?\s*\]/.exec(line);
    if (header) inParsing = header[1]?.trim() === 'parsing';
    else if (
      inParsing &&
      new RegExp(`^\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=`).test(line)
    )
      return i + 1;
  }
  return undefined;
}
