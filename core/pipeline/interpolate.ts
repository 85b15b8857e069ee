import { DEFAULT_PARSING, type Parsing } from './dvc-config.js';
import { isScalarValue, pyStr, PyFloat } from './python.js';

/**
 * `${...}` interpolation, as DVC does it (dvc/parsing/interpolate.py): `${train.lr}`,
 * `${item[model]}`, `${list[0]}`, `${key}`. Values are written as DVC writes them (`true`,
 * `None`, `1.0`), and a mapping in a cmd unpacks into `--key value` flags. A string that is exactly one `${x}` keeps the value's type; otherwise
 * values are formatted into the string. `\${` escapes.
 *
 * Values go into a `cmd` as they are, as in DVC, so the shell reads `${msg}` holding
 * `a; rm -rf x` as two commands. `${msg|q}` is the safe form: the value shell-quoted
 * (a list: each item quoted, separated by spaces), for values that can come from PR
 * text or workflow inputs.
 */
export type Context = Record<string, unknown>;

/** Whether (and how) a mapping unpacks into flags: `true` with DVC's default parsing. */
type Unpack = boolean | Parsing;

const PATTERN = /(\\)?\$\{\s*([^}]*?)\s*\}/g;

export class InterpolationError extends Error {
  constructor(
    message: string,
    readonly expression: string,
  ) {
    super(message);
  }
}

export function lookup(context: Context, expression: string): { found: boolean; value: unknown } {
  let current: unknown = context;
  for (const part of expression.split('.')) {
    if (current === null || typeof current !== 'object') return { found: false, value: undefined };
    const key = Array.isArray(current) && /^\d+$/.test(part) ? Number(part) : part;
    if (!Object.hasOwn(current, key)) return { found: false, value: undefined };
    current = (current as Record<string | number, unknown>)[key];
  }
  return { found: true, value: current };
}

/** How a value is written into a string: DVC's `to_str`, plus dict unpacking where it allows it. */
function format(value: unknown, expression: string, unpack: Unpack): string {
  if (typeof value === 'string') return value;
  if (isScalarValue(value) || value === null) return pyStr(value);
  if (unpack && !Array.isArray(value))
    return unpackDict(value as Record<string, unknown>, unpack === true ? DEFAULT_PARSING : unpack);
  throw new InterpolationError(
    `\${${expression}} is a ${Array.isArray(value) ? 'list' : 'mapping'} and cannot be put inside a string${Array.isArray(value) ? '' : ' (a mapping unpacks into flags only in cmd)'}`,
    expression,
  );
}

/**
 * A mapping in a cmd, as DVC unpacks it: nested keys dotted, `--key value` with strings
 * shell-quoted when they need it, `true` as a bare `--key` and `false` left out, a list as
 * `--key a b c`; a list inside a list is an error. `.dvc/config`'s `parsing` section may
 * make `false` `--no-key` and a list `--key a --key b`.
 */
function unpackDict(dict: Record<string, unknown>, parsing: Parsing): string {
  const words: string[] = [];
  for (const [key, value] of flattenDotted(dict)) {
    if (typeof value === 'boolean') {
      if (value) words.push(`--${key}`);
      else if (parsing.bool === 'boolean_optional') words.push(`--no-${key}`);
    } else if (typeof value === 'string') words.push(`--${key} ${pyQuote(value)}`);
    else if (Array.isArray(value)) {
      const items = value.map((item) => {
        if (
          Array.isArray(item) ||
          (item !== null && typeof item === 'object' && !isScalarValue(item))
        )
          throw new InterpolationError(
            `cannot interpolate a nested list or mapping in '${key}'`,
            key,
          );
        return typeof item === 'string' ? pyQuote(item) : pyStr(item);
      });
      if (parsing.list === 'append') words.push(...items.map((item) => `--${key} ${item}`));
      else words.push(items.length > 0 ? `--${key} ${items.join(' ')}` : '');
    } else words.push(`--${key} ${pyStr(value)}`);
  }
  return words.filter(Boolean).join(' ');
}

function flattenDotted(dict: Record<string, unknown>, prefix = ''): Array<[string, unknown]> {
  return Object.entries(dict).flatMap(([key, value]): Array<[string, unknown]> => {
    const name = prefix ? `${prefix}.${key}` : key;
    return value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      !isScalarValue(value)
      ? flattenDotted(value as Record<string, unknown>, name)
      : [[name, value]];
  });
}

/** Python's `shlex.quote`: a word left as it is when it is safe, else single-quoted. */
function pyQuote(text: string): string {
  if (text === '') return "''";
  return /[^\w@%+=:,./-]/.test(text) ? `'${text.replaceAll("'", `'"'"'`)}'` : text;
}

/**
 * Interpolates one string; throws InterpolationError naming the missing key. `unpack`: a
 * mapping inside the string becomes `--key value` flags (DVC allows it in `cmd` only).
 */
export function interpolateString(text: string, context: Context, unpack: Unpack = false): unknown {
  if (!text.includes('${')) return text;
  const whole = /^\$\{\s*([^}]*?)\s*\}$/.exec(text);
  if (whole) return evaluate(whole[1] ?? '', context, false, unpack);
  return text.replace(PATTERN, (_match, escaped: string | undefined, expression: string) => {
    if (escaped) return `\${${expression}}`;
    return evaluate(expression, context, true, unpack) as string;
  });
}

/** `name.key`, `name[key]`, `list[0]`, or `name.key|q`: the value, shell-quoted with `q`. */
function evaluate(
  expression: string,
  context: Context,
  inString: boolean,
  unpack: Unpack,
): unknown {
  const bar = expression.indexOf('|');
  if (bar === -1) {
    const value = resolve(expression, context);
    return inString ? format(value, expression, unpack) : value;
  }
  const name = expression.slice(0, bar).trim();
  const filter = expression.slice(bar + 1).trim();
  if (filter !== 'q') {
    throw new InterpolationError(
      `\${${expression}}: unknown filter '${filter}' (the one filter is q, which shell-quotes the value: \${${name}|q})`,
      expression,
    );
  }
  const value = resolve(name, context);
  if (Array.isArray(value))
    return value.map((item) => shellQuote(format(item, name, false))).join(' ');
  return shellQuote(format(value, name, false));
}

/**
 * A POSIX shell word that stands for exactly `text`: single quotes, inside which the
 * shell interprets nothing, with each `'` written as `'\''`.
 */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

function resolve(expression: string, context: Context): unknown {
  // DVC's grammar: words (anything but `.`, `[`, `]`) joined by `.word` or `[word]`.
  if (!/^[^.[\]\s]+(\.[^.[\]]+|\[[^.[\]]+\])*$/.test(expression)) {
    throw new InterpolationError(
      `\${${expression}} is not a valid reference (use \${name}, \${name.key}, \${name[key]} or \${list[0]})`,
      expression,
    );
  }
  const key = expression.replaceAll('[', '.').replaceAll(']', '');
  const { found, value } = lookup(context, key);
  if (!found) {
    const known = Object.keys(context).slice(0, 8);
    throw new InterpolationError(
      `\${${expression}} is not defined${known.length > 0 ? ` (known: ${known.join(', ')})` : ''}`,
      expression,
    );
  }
  return value;
}

/** Interpolates every string inside a value, keeping its shape; `onError` adds the location. */
export function interpolateDeep(
  value: unknown,
  context: Context,
  path: (string | number)[],
  onError: (path: (string | number)[], error: InterpolationError) => never,
  unpack: Unpack = false,
): unknown {
  if (typeof value === 'string') {
    try {
      return interpolateString(value, context, unpack);
    } catch (error) {
      if (error instanceof InterpolationError) onError(path, error);
      throw error;
    }
  }
  if (Array.isArray(value))
    return value.map((item, i) => interpolateDeep(item, context, [...path, i], onError, unpack));
  if (value !== null && typeof value === 'object' && !(value instanceof PyFloat)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // Keys are interpolated too: outs and metrics are written `{ path/${item}: { cache: false } }`.
      const key = String(interpolateDeep(k, context, [...path, k], onError));
      out[key] = interpolateDeep(v, context, [...path, k], onError, unpack);
    }
    return out;
  }
  return value;
}
