import { readFileSync } from 'node:fs';
import { load as loadYaml, YAMLException, type LoadOptions, type Schema } from 'js-yaml';
import type * as z from './zod.js';
import { Cd4mlError, type ErrorCode, type Location } from '../errors.js';
import { checkText, findBreach, formatPath, PARSE_LIMITS, type ParseLimits } from './limits.js';
import { Positions } from './positions.js';
import { syntaxErrors } from './syntax-errors.js';
import { validationErrors } from './validation-errors.js';

export type FieldPath = readonly (string | number)[];

/**
 * A parsed YAML file that can say where every value came from, so validation errors
 * read `cd4ml.yaml:12:5: stages.train.cmd: ...`. The data comes from js-yaml, which is
 * several times faster; the position-keeping parse (`yaml`, in `Positions`) runs only
 * when a position is asked for — that is, when something is wrong.
 */
export class YamlSource {
  private readonly positions: Positions;

  private constructor(
    readonly file: string,
    text: string,
    readonly data: unknown,
  ) {
    this.positions = new Positions(file, text);
  }

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
      throw syntaxErrors(error, text, file, code, limits);
    }
    const source = new YamlSource(file, text, data);
    const found = findBreach(data, limits);
    if (found) throw source.error(code, found.path, found.message, found.hint);
    return source;
  }

  /**
   * Where a field is: the deepest node on the path that exists. With `key: true`,
   * the position of the key itself (for "unknown key" errors).
   */
  locate(path: FieldPath, opts: { key?: boolean } = {}): Location {
    return this.positions.locate(path, opts);
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
    throw validationErrors(schema, result.error.issues, value, path, (at, message, hint, opts) =>
      this.error(code, at, message, hint, opts),
    );
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
