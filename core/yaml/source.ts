import { readFileSync } from 'node:fs';
import { load as loadYaml, YAMLException, type LoadOptions, type Schema } from 'js-yaml';
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Document, LineCounter, Node, Pair, YAMLMap } from 'yaml';
import type * as z from './zod.js';
import { Cd4mlAggregateError, Cd4mlError, type ErrorCode, type Location } from '../errors.js';
import { checkText, findBreach, formatPath, PARSE_LIMITS, type ParseLimits } from './limits.js';
import { quickLocate } from './quick-locate.js';
import { keysAt, suggest } from './suggest.js';
import {
  clip,
  explain,
  hasPath,
  listSome,
  MAX_REPORTED,
  unknownInEveryOption,
  valueAt,
} from './zod-issues.js';

/** Beyond this size, errors are located by indentation (`quickLocate`) instead of a second parse. */
const QUICK_LOCATE_CHARS = 64 * 1024;

/**
 * The `yaml` library (positions, comment-keeping edits), loaded on first use: it is
 * needed to point at a line on the way to an error, or to edit a params file for
 * `--set`, and costs more to load than a whole no-op run does.
 */
let yamlLib: typeof Yaml | undefined;
export function positionParser(): typeof Yaml {
  yamlLib ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return yamlLib;
}

export type FieldPath = readonly (string | number)[];

/**
 * A parsed YAML file that can say where every value came from, so validation errors
 * read `cd4ml.yaml:12:5: stages.train.cmd: ...`. The data comes from js-yaml, which is
 * several times faster; the position-keeping parse (`yaml`) runs only when a position
 * is asked for — that is, when something is wrong.
 */
export class YamlSource {
  private positions: { doc: Document.Parsed; lines: LineCounter } | undefined;

  private constructor(
    readonly file: string,
    private readonly text: string,
    readonly data: unknown,
  ) {}

  /**
   * Parses text within `limits` (size, nesting, and the size the value takes once its
   * aliases are expanded), so a hostile file fails fast instead of running the heap out.
   * YAML syntax errors (and duplicate keys) are thrown with their line.
   */
  static parse(
    text: string,
    file: string,
    code: ErrorCode,
    limits: ParseLimits = PARSE_LIMITS,
    schema?: Schema,
  ): YamlSource {
    checkText(text, file, code, limits);
    let data: unknown;
    try {
      // js-yaml ≥ 4.2 stops at `maxDepth`; its types predate the option.
      data = loadYaml(text, {
        filename: file,
        maxDepth: limits.depth,
        ...(schema ? { schema } : {}),
      } as LoadOptions);
    } catch (error) {
      if (!(error instanceof YAMLException)) throw error;
      throw YamlSource.syntaxErrors(error, text, file, code, limits);
    }
    const source = new YamlSource(file, text, data);
    const found = findBreach(data, limits);
    if (found) throw source.error(code, found.path, found.message, found.hint);
    return source;
  }

  private static syntaxErrors(
    error: YAMLException,
    text: string,
    file: string,
    code: ErrorCode,
    limits: ParseLimits,
  ): Cd4mlAggregateError {
    const at = { file, line: error.mark.line + 1, column: error.mark.column + 1 };
    // Past js-yaml's own limits the text may be pathological: do not hand it to a second parser.
    if (/exceeded max/.test(error.reason)) {
      return new Cd4mlAggregateError([
        new Cd4mlError(
          code,
          /maxDepth/.test(error.reason)
            ? `nesting is deeper than ${limits.depth} levels`
            : `invalid YAML: ${error.reason}`,
          {
            location: at,
            hint: 'flatten the structure; configuration never needs to nest this deep',
          },
        ),
      ]);
    }
    if (error.reason === 'duplicated mapping key') {
      return new Cd4mlAggregateError([
        new Cd4mlError(code, 'invalid YAML: Map keys must be unique', {
          location: at,
          hint: 'each key may appear once in a mapping: merge or rename the two',
        }),
      ]);
    }
    // Position-keeping parse for every syntax error at once. `yaml`'s own duplicate-key
    // check scans the mapping for each key (quadratic); js-yaml has done that check.
    const { LineCounter, parseDocument } = positionParser();
    const lines = new LineCounter();
    const doc = parseDocument(text, {
      lineCounter: lines,
      uniqueKeys: false,
      prettyErrors: false,
    });
    const errors = doc.errors.map((e) => {
      const pos = lines.linePos(e.pos[0]);
      return new Cd4mlError(code, `invalid YAML: ${e.message.split('\n')[0] ?? ''}`, {
        location: { file, line: pos.line, column: pos.col },
      });
    });
    if (errors.length === 0) {
      errors.push(new Cd4mlError(code, `invalid YAML: ${error.reason}`, { location: at }));
    }
    return new Cd4mlAggregateError(errors);
  }

  private parsed(): { doc: Document.Parsed; lines: LineCounter } {
    if (!this.positions) {
      const { LineCounter, parseDocument } = positionParser();
      const lines = new LineCounter();
      // Keys were checked for duplicates by js-yaml; `yaml`'s check is quadratic in a mapping's size.
      this.positions = {
        doc: parseDocument(this.text, { lineCounter: lines, uniqueKeys: false }),
        lines,
      };
    }
    return this.positions;
  }

  /**
   * Where a field is: the deepest node on the path that exists. With `key: true`,
   * the position of the key itself (for "unknown key" errors).
   */
  locate(path: FieldPath, opts: { key?: boolean } = {}): Location {
    // A large file: reading indentation is linear and cheap; a full parse can take longer than the rest of the run.
    if (this.text.length > QUICK_LOCATE_CHARS)
      return { file: this.file, ...quickLocate(this.text, path, opts) };
    const { doc, lines } = this.parsed();
    const { isMap, isSeq } = positionParser();
    let node: unknown = doc.contents;
    let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
    for (const [index, part] of path.entries()) {
      const last = index === path.length - 1;
      if (isMap(node)) {
        const pair = this.pairsOf(node).get(String(part));
        if (!pair) break;
        const keyNode = pair.key as Node;
        offset =
          (last && opts.key
            ? keyNode.range?.[0]
            : ((pair.value as Node | null)?.range?.[0] ?? keyNode.range?.[0])) ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof part === 'number') {
        const item = node.items[part] as Node | undefined;
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else {
        break;
      }
    }
    const pos = lines.linePos(offset);
    return { file: this.file, line: pos.line, column: pos.col };
  }

  /** Key → pair of a mapping, built once per mapping: `locate` is called for every dep and out. */
  private readonly pairIndex = new WeakMap<object, Map<string, Pair>>();
  private pairsOf(map: YAMLMap): Map<string, Pair> {
    let index = this.pairIndex.get(map);
    if (!index) {
      index = new Map();
      const { isPair, isScalar } = positionParser();
      for (const item of map.items)
        if (isPair(item) && isScalar(item.key)) index.set(String(item.key.value), item);
      this.pairIndex.set(map, index);
    }
    return index;
  }

  error(
    code: ErrorCode,
    path: FieldPath,
    message: string,
    hint?: string,
    opts: { key?: boolean } = {},
  ): Cd4mlError {
    return new Cd4mlError(code, message, {
      location: { ...this.locate(path, opts), field: formatPath(path) },
      hint,
    });
  }

  /**
   * Validates `value` (found at `path`) with a Zod schema and throws every issue at
   * once, each at its own line, with "did you mean" for unknown keys.
   */
  validate<T extends z.ZodMiniType>(
    schema: T,
    value: unknown,
    path: FieldPath,
    code: ErrorCode,
  ): z.infer<T> {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    // Unknown keys first: "did you mean 'stages'?" explains the "stages is required" that follows it,
    // so a required key that was suggested is not reported twice.
    const issues = [...result.error.issues].sort(
      (a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'),
    );
    // A hostile file can hold any number of problems: describe the first few (each costs a look-up of its line).
    const shown = issues.slice(0, MAX_REPORTED);
    const errors = shown.map((issue) => this.issueToError(schema, issue, value, path, code));
    const suggested = new Set(
      errors.map((e) => /did you mean '([^']+)'/.exec(e.hint ?? '')?.[1]).filter(Boolean),
    );
    throw new Cd4mlAggregateError(
      errors.filter(
        (e, i) =>
          !(e.message.endsWith('is required') && suggested.has(String(shown[i]?.path.at(-1)))),
      ),
      issues.length - shown.length,
    );
  }

  private issueToError(
    schema: z.ZodMiniType,
    issue: z.core.$ZodIssue,
    value: unknown,
    base: FieldPath,
    code: ErrorCode,
  ): Cd4mlError {
    const path = [...base, ...(issue.path as (string | number)[])];
    // A mapping that fits none of a union's shapes because of a key none of them has
    // (`version_policy: { latset: 1 }`): that key is the error, not "Invalid input".
    const keys =
      issue.code === 'unrecognized_keys'
        ? issue.keys
        : issue.code === 'invalid_union'
          ? unknownInEveryOption(issue)
          : [];
    if (keys.length > 0) {
      const key = keys[0] ?? '';
      const known = keysAt(schema, issue.path as (string | number)[]);
      const suggestion = suggest(key, known);
      return this.error(
        code,
        [...path, key],
        `unknown key '${clip(key)}'${keys.length > 1 ? ` (and ${listSome(keys.slice(1))})` : ''}`,
        suggestion
          ? `did you mean '${suggestion}'?`
          : known.length > 0
            ? `valid keys: ${known.join(', ')}`
            : undefined,
        { key: true },
      );
    }
    if (issue.code === 'invalid_key') {
      // A key the record does not accept (a stage name with a space): point at the key, say why.
      const key = String(issue.path.at(-1) ?? '');
      const why = issue.issues.map((inner) => inner.message).join('; ');
      return this.error(code, path, `'${clip(key)}' is not a valid name: ${why}`, undefined, {
        key: true,
      });
    }
    if (!hasPath(value, issue.path as (string | number)[])) {
      return this.error(code, path, 'is required');
    }
    const explained = explain(issue, valueAt(value, issue.path as (string | number)[]));
    return this.error(code, [...path, ...explained.path], explained.message);
  }
}

const pinpointed = new Map<string, YamlSource | undefined>();

/**
 * Fills in the line and column of a location that carries only its field's path (as
 * stages do: they are built without positions, and may come from a cache). Reads the
 * file again; used only on the way to an error message.
 */
export function pinpoint(location: Location, opts: { key?: boolean } = {}): Location {
  if (location.line !== undefined || !location.path) return location;
  if (!pinpointed.has(location.file)) {
    try {
      pinpointed.set(
        location.file,
        YamlSource.parse(readFileSync(location.file, 'utf8'), location.file, 'E_SPEC'),
      );
    } catch {
      pinpointed.set(location.file, undefined);
    }
  }
  const source = pinpointed.get(location.file);
  return source
    ? { ...location, ...source.locate(location.path, opts), file: location.file }
    : location;
}

export { formatPath };
