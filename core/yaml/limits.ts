import { Cd4mlError, type ErrorCode, type Location } from '../errors.js';

/**
 * Limits on a YAML or JSON file cd4ml reads. Files come from pull requests and workflow
 * inputs, so a small file must not be able to stand for a huge value: a YAML alias
 * ("billion laughs") repeats a whole subtree, and everything downstream (validation,
 * interpolation, `flatten`, `JSON.stringify`) walks the expanded value.
 */
export interface ParseLimits {
  /** Characters of text. */
  bytes: number;
  /** Levels of mappings and lists inside each other. */
  depth: number;
  /** Mapping entries plus list items, counting every alias as the subtree it repeats. */
  values: number;
  /** Characters of keys and strings, counting aliases the same way. */
  chars: number;
}

export const PARSE_LIMITS: ParseLimits = {
  bytes: 8 * 1024 * 1024,
  depth: 64,
  values: 1_000_000,
  chars: 64 * 1024 * 1024,
};

/** A limit a value broke, and where (the path into the value). */
export interface LimitBreach {
  message: string;
  hint: string;
  path: (string | number)[];
}

/**
 * Rejects text that is too big or is not text at all (NUL, other control characters,
 * or bytes that were not UTF-8). Never quotes the bytes: they could be anything.
 */
export function checkText(
  text: string,
  file: string,
  code: ErrorCode,
  limits: ParseLimits = PARSE_LIMITS,
): void {
  if (text.length > limits.bytes) {
    throw new Cd4mlError(
      code,
      `the file is ${text.length.toLocaleString('en-US')} characters, over the limit of ${limits.bytes.toLocaleString('en-US')}`,
      { location: { file }, hint: 'is this the right file? Configuration files are small' },
    );
  }
  // YAML and JSON allow tab, LF and CR among the C0 controls; U+FFFD is what a byte
  // that is not UTF-8 decodes to.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const bad = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/.exec(text);
  if (bad) {
    throw new Cd4mlError(
      code,
      `not a UTF-8 text file (${bad[0] === '\ufffd' ? 'invalid UTF-8' : `control character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`} here)`,
      {
        location: positionAt(text, bad.index, file),
        hint: 'is it a binary file? Point cd4ml at a YAML or JSON text file',
      },
    );
  }
}

/** `file:line:column` of a character offset. */
function positionAt(text: string, offset: number, file: string): Location {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { file, line, column: offset - lineStart + 1 };
}

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | undefined;
  key: string | number | undefined;
}

/**
 * Walks a parsed value as if every alias were expanded, stopping as soon as a limit is
 * passed: the cost is bounded by the limits, not by the (possibly exponential) size of
 * the value. Iterative, so deep values cannot overflow the stack.
 */
export function findBreach(
  data: unknown,
  limits: ParseLimits = PARSE_LIMITS,
): LimitBreach | undefined {
  let values = 0;
  let chars = 0;
  let shared = false;
  const seen = new WeakSet<object>();
  const stack: Frame[] = [{ value: data, depth: 0, parent: undefined, key: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value } = frame;
    if (typeof value === 'string') {
      chars += value.length;
      if (chars > limits.chars) return breach('chars', frame, shared, limits);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (seen.has(value)) shared = true;
    else seen.add(value);
    if (frame.depth >= limits.depth) {
      return {
        message: `nesting is deeper than ${limits.depth} levels`,
        hint: 'flatten the structure; configuration never needs to nest this deep',
        path: pathOf(frame),
      };
    }
    const depth = frame.depth + 1;
    if (Array.isArray(value)) {
      values += value.length;
      if (values > limits.values) return breach('values', frame, shared, limits);
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i] as unknown, depth, parent: frame, key: i });
    } else {
      const keys = Object.keys(value);
      values += keys.length;
      if (values > limits.values) return breach('values', frame, shared, limits);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        chars += key.length;
        stack.push({
          value: (value as Record<string, unknown>)[key],
          depth,
          parent: frame,
          key,
        });
      }
      if (chars > limits.chars) return breach('chars', frame, shared, limits);
    }
  }
  return undefined;
}

function breach(
  what: 'values' | 'chars',
  frame: Frame,
  shared: boolean,
  limits: ParseLimits,
): LimitBreach {
  const limit = (what === 'values' ? limits.values : limits.chars).toLocaleString('en-US');
  const amount = what === 'values' ? `${limit} values` : `${limit} characters`;
  return shared
    ? {
        message: `expands to more than ${amount}: YAML aliases (*name) repeat the same content over and over`,
        hint: 'a few aliases of small anchors are fine; this looks like an alias bomb ("billion laughs")',
        path: pathOf(frame),
      }
    : {
        message: `holds more than ${amount}`,
        hint: 'is this the right file? Configuration files are small',
        path: pathOf(frame),
      };
}

function pathOf(frame: Frame): (string | number)[] {
  const path: (string | number)[] = [];
  for (let f: Frame | undefined = frame; f?.key !== undefined; f = f.parent) path.push(f.key);
  return path.reverse();
}

/**
 * Parses JSON with the same limits as YAML; errors name the file and line, never quote
 * its bytes, and carry `code`.
 */
export function parseJson(
  text: string,
  file: string,
  code: ErrorCode,
  limits: ParseLimits = PARSE_LIMITS,
): unknown {
  checkText(text, file, code, limits);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // V8 quotes the text around the error ("…" is not valid JSON); keep only what and where.
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : undefined;
    const what =
      /^(Unexpected (?:token|end of JSON input|non-whitespace character)|Expected [^,(]+|Bad control character|Unterminated string)/.exec(
        message,
      )?.[1];
    throw new Cd4mlError(code, `invalid JSON${what ? `: ${what}` : ''}`, {
      location: offset === undefined ? { file } : positionAt(text, offset, file),
    });
  }
  const found = findBreach(data, limits);
  if (found) {
    throw new Cd4mlError(code, found.message, {
      location: { file, field: formatPath(found.path) || undefined },
      hint: found.hint,
    });
  }
  return data;
}

/** `stages.train.outs[0]`: a path into a value, as error messages show it. */
export function formatPath(path: readonly (string | number)[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}
