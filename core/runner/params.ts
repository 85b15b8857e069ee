import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { load as parseYaml } from 'js-yaml';
import { positionParser } from '../yaml/positions.js';
import { suggest } from '../yaml/suggest.js';
import { Cd4mlError } from '../errors.js';
import { writeTextDurably } from '../fs/write.js';
import { lookup } from '../pipeline/interpolate.js';
import { DEFAULT_PARAMS_FILE, paramsReader } from '../pipeline/files.js';
import type { ParamRef } from '../pipeline/model.js';
import type { Scalar } from '../run-record/schema.js';

/** One `--set key=value`: `train.C=0.5`, or `other.yaml:train.C=0.5` for another params file. */
export interface ParamOverride {
  file: string;
  key: string;
  value: Scalar;
  /** As the user wrote it, for the run record. */
  text: string;
}

export function parseOverride(text: string): ParamOverride {
  const eq = text.indexOf('=');
  if (eq <= 0) {
    throw new Cd4mlError('E_USAGE', `--set '${text}' is not key=value`, {
      hint: 'write it as --set train.C=0.5 (or --set file.yaml:key=value)',
    });
  }
  const target = text.slice(0, eq);
  const colon = target.indexOf(':');
  const file = colon > 0 ? target.slice(0, colon) : DEFAULT_PARAMS_FILE;
  const key = colon > 0 ? target.slice(colon + 1) : target;
  if (!/^[\w-]+(\.[\w-]+)*$/.test(key)) {
    throw new Cd4mlError('E_USAGE', `--set '${text}': '${key}' is not a param key`, {
      hint: 'keys are dotted paths like train.C',
    });
  }
  let value: unknown;
  try {
    value = parseYaml(text.slice(eq + 1));
  } catch {
    value = text.slice(eq + 1);
  }
  if (value !== null && typeof value === 'object') {
    throw new Cd4mlError('E_USAGE', `--set '${text}': only scalar values can be set`, {
      hint: 'set each key of a mapping on its own',
    });
  }
  return { file, key, value: (value ?? null) as Scalar, text };
}

/** Where a run with `--set` keeps the params files it is about to rewrite, until it puts them back. */
export const WHAT_IF_JOURNAL = join('.cd4ml', 'what-if.json');

interface WhatIfJournal {
  pid: number;
  files: Array<{ file: string; original: string | null; written: string }>;
}

/**
 * Checks every override against its params file before anything is written: the file
 * must exist and hold the key (a typo would otherwise add a new key that no stage reads,
 * and the run would silently use the committed value), and the key must not be a mapping.
 */
function checkOverrides(root: string, overrides: readonly ParamOverride[]): void {
  const read = paramsReader(root);
  const problems: string[] = [];
  for (const override of overrides) {
    const data = read(override.file);
    if (data === undefined) {
      problems.push(
        `--set ${override.text}: the params file '${override.file}' does not exist (a what-if run changes existing params; add the key to the file first)`,
      );
      continue;
    }
    const { found, value } = lookup((data ?? {}) as Record<string, unknown>, override.key);
    if (!found) {
      const known = Object.keys(flattenParams(data));
      const near = suggest(override.key, known);
      problems.push(
        `--set ${override.text}: '${override.file}' has no key '${override.key}'${near ? `; did you mean '${near}'?` : known.length > 0 ? ` (its keys: ${known.slice(0, 8).join(', ')}${known.length > 8 ? ', …' : ''})` : ''}`,
      );
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const first = Object.keys(flattenParams(value))[0];
      problems.push(
        `--set ${override.text}: '${override.key}' in '${override.file}' is a mapping; set one of its keys${first ? `, e.g. ${override.key}.${first}` : ''}`,
      );
    }
  }
  if (problems.length > 0)
    throw new Cd4mlError('E_USAGE', problems.join('\n'), {
      hint: 'a --set key must already exist in its params file (keys are dotted paths like train.C)',
    });
}

/**
 * Writes overrides into the params files (keeping comments and order) — stages read
 * params files themselves, so that is where a what-if value has to be — and returns a
 * function that puts the original files back: an override lasts one run. The originals
 * go to a journal (flushed to disk) before any params file changes, so a run killed
 * midway (even by SIGKILL) is undone by `recoverWhatIf` at the start of the next one.
 */
export function applyOverrides(root: string, overrides: readonly ParamOverride[]): () => void {
  if (overrides.length === 0) return () => undefined;
  checkOverrides(root, overrides);
  // The comment-keeping parser is needed only here.
  const { parseDocument } = positionParser();
  const files = new Map<string, { original: string | null; written: string }>();
  for (const override of overrides) {
    if (files.has(override.file)) continue;
    const path = join(root, override.file);
    files.set(override.file, {
      original: existsSync(path) ? readFileSync(path, 'utf8') : null,
      written: '',
    });
  }
  for (const [file, entry] of files) {
    const doc = parseDocument(entry.original ?? '{}');
    for (const override of overrides)
      if (override.file === file) doc.setIn(override.key.split('.'), override.value);
    entry.written = doc.toString();
  }
  const journal: WhatIfJournal = {
    pid: process.pid,
    files: [...files].map(([file, entry]) => ({ file, ...entry })),
  };
  writeDurably(join(root, WHAT_IF_JOURNAL), JSON.stringify(journal));
  for (const { file, written } of journal.files) writeAtomically(join(root, file), written);
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    undoWhatIf(root, journal);
  };
}

/**
 * Puts back the params files of a what-if run that was killed before it could (see
 * `applyOverrides`); call it while holding the workspace lock. A file that was edited
 * since the what-if wrote it is left as it is. Returns what it did, for the user.
 */
export function recoverWhatIf(root: string): string[] {
  const path = join(root, WHAT_IF_JOURNAL);
  if (!existsSync(path)) return [];
  let journal: WhatIfJournal;
  try {
    journal = JSON.parse(readFileSync(path, 'utf8')) as WhatIfJournal;
  } catch {
    // Written whole before any params file changed: a torn journal means nothing changed yet.
    rmSync(path, { force: true });
    return [];
  }
  return undoWhatIf(root, journal).map(
    (line) => `an interrupted --set run (pid ${journal.pid}) ${line}`,
  );
}

function undoWhatIf(root: string, journal: WhatIfJournal): string[] {
  const notes: string[] = [];
  for (const { file, original, written } of journal.files) {
    const path = join(root, file);
    const now = existsSync(path) ? readFileSync(path, 'utf8') : null;
    if (now === original) continue;
    if (now !== written) {
      notes.push(`had changed ${file}, which was edited since: left as it is`);
      continue;
    }
    if (original === null) rmSync(path, { force: true });
    else writeAtomically(path, original);
    notes.push(`had changed ${file}: put back as it was`);
  }
  rmSync(join(root, WHAT_IF_JOURNAL), { force: true });
  return notes;
}

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** Written, flushed, then renamed into place: the journal must be on disk before the params change. */
function writeDurably(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeTextDurably(path, text);
}

/** Current values of a stage's params, grouped by file as in the lock. */
export function resolveParams(
  refs: readonly ParamRef[],
  read: (file: string) => unknown,
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const ref of refs) {
    const data = read(ref.file);
    const group = (out[ref.file] ??= {});
    if (ref.key === undefined) Object.assign(group, flattenParams(data));
    else {
      const { found, value } = lookup((data ?? {}) as Record<string, unknown>, ref.key);
      group[ref.key] = found ? value : undefined;
    }
  }
  return out;
}

/** `{a: {b: 1}}` → `{'a.b': 1}`; lists stay values. */
export function flattenParams(
  data: unknown,
  prefix = '',
  out: Record<string, unknown> = {},
): Record<string, unknown> {
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    for (const [key, value] of Object.entries(data))
      flattenParams(value, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) {
    out[prefix] = data;
  }
  return out;
}

/** A param value as the run record keeps it: scalars as they are, lists and mappings as JSON. */
export function toScalar(value: unknown): Scalar {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  )
    return value;
  return JSON.stringify(value);
}
