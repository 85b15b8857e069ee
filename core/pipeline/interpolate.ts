/**
 * `${...}` interpolation, as DVC does it: `${train.lr}`, `${item}`, `${item.model}`,
 * `${key}`. A string that is exactly one `${x}` keeps the value's type; otherwise
 * values are formatted into the string. `\${` escapes.
 *
 * Values go into a `cmd` as they are, as in DVC, so the shell reads `${msg}` holding
 * `a; rm -rf x` as two commands. `${msg|q}` is the safe form: the value shell-quoted
 * (a list: each item quoted, separated by spaces), for values that can come from PR
 * text or workflow inputs.
 */
export type Context = Record<string, unknown>;

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

function format(value: unknown, expression: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  throw new InterpolationError(
    `\${${expression}} is a ${Array.isArray(value) ? 'list' : 'mapping'} and cannot be put inside a string`,
    expression,
  );
}

/** Interpolates one string; throws InterpolationError naming the missing key. */
export function interpolateString(text: string, context: Context): unknown {
  if (!text.includes('${')) return text;
  const whole = /^\$\{\s*([^}]*?)\s*\}$/.exec(text);
  if (whole) return evaluate(whole[1] ?? '', context, false);
  return text.replace(PATTERN, (_match, escaped: string | undefined, expression: string) => {
    if (escaped) return `\${${expression}}`;
    return evaluate(expression, context, true) as string;
  });
}

/** `name.key`, or `name.key|q`: the value, shell-quoted with `q`. */
function evaluate(expression: string, context: Context, inString: boolean): unknown {
  const bar = expression.indexOf('|');
  if (bar === -1) {
    const value = resolve(expression, context);
    return inString ? format(value, expression) : value;
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
  if (Array.isArray(value)) return value.map((item) => shellQuote(format(item, name))).join(' ');
  return shellQuote(format(value, name));
}

/**
 * A POSIX shell word that stands for exactly `text`: single quotes, inside which the
 * shell interprets nothing, with each `'` written as `'\''`.
 */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

function resolve(expression: string, context: Context): unknown {
  if (!/^[A-Za-z_][\w-]*(\.[\w-]+)*$/.test(expression)) {
    throw new InterpolationError(
      `\${${expression}} is not a valid reference (use \${name} or \${name.key})`,
      expression,
    );
  }
  const { found, value } = lookup(context, expression);
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
): unknown {
  if (typeof value === 'string') {
    try {
      return interpolateString(value, context);
    } catch (error) {
      if (error instanceof InterpolationError) onError(path, error);
      throw error;
    }
  }
  if (Array.isArray(value))
    return value.map((item, i) => interpolateDeep(item, context, [...path, i], onError));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // Keys are interpolated too: outs and metrics are written `{ path/${item}: { cache: false } }`.
      const key = String(interpolateDeep(k, context, [...path, k], onError));
      out[key] = interpolateDeep(v, context, [...path, k], onError);
    }
    return out;
  }
  return value;
}
