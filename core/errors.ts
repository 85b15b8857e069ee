/**
 * The one error base class of cd4ml. Every error has a stable `code` that tests,
 * the CLI (exit codes) and the HTTP adapters (status codes) can rely on, and a
 * message that says what failed, where, and how to fix it.
 */
/**
 * What went wrong, by whose side it is on. The CLI exits 3 for `E_IO` and 2 for every other
 * code (`cli/exit.ts`, the README's table); a failed stage or gate is a result (exit 1),
 * never one of these.
 */
export type ErrorCode =
  /** The pipeline file (`cd4ml.yaml`, `dvc.yaml`): a field, a stage, a file it names. */
  | 'E_SPEC'
  /** A params file, or a param a stage or `--set` names that is not there. */
  | 'E_PARAMS'
  /** Stages that depend on each other in a circle. */
  | 'E_DAG_CYCLE'
  /** A `${…}` in the pipeline that names nothing, or is used where it cannot be. */
  | 'E_INTERPOLATION'
  /** A flag, an argument or an action input, or the workspace is busy with another run. */
  | 'E_USAGE'
  /** A run record or a file a run points to (predictions, metrics) that is not valid. */
  | 'E_RUN_RECORD'
  /** The gate's policy file (`.github/cd4ml.yml`). */
  | 'E_POLICY'
  /** A model file or model repository to serve, or its config. */
  | 'E_MODEL'
  /** A run artifact (`cd4ml-run`) that breaks the layout or its caps. */
  | 'E_ARTIFACT'
  /** The machine's side: a file cd4ml keeps damaged or gone, the disk, git, the network. */
  | 'E_IO';

export interface Location {
  file: string;
  line?: number;
  column?: number;
  /** Dotted path of the field, e.g. `stages.train.cmd`. */
  field?: string;
  /** The field as a path into the file, so its line can be found when an error needs it. */
  path?: readonly (string | number)[];
}

export class Cd4mlError extends Error {
  readonly code: ErrorCode;
  readonly location: Location | undefined;
  readonly hint: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { location?: Location; hint?: string; cause?: unknown } = {},
  ) {
    super(formatMessage(message, opts.location, opts.hint), { cause: opts.cause });
    this.name = 'Cd4mlError';
    this.code = code;
    this.location = opts.location;
    this.hint = opts.hint;
  }
}

/** `file:line:col: field: message` followed by an indented hint, like a compiler. */
export function formatLocation(loc: Location): string {
  let where = loc.file;
  if (loc.line !== undefined) where += `:${loc.line}`;
  if (loc.line !== undefined && loc.column !== undefined) where += `:${loc.column}`;
  return where;
}

function formatMessage(message: string, loc?: Location, hint?: string): string {
  let text = message;
  if (loc) text = `${formatLocation(loc)}: ${loc.field ? `${shorten(loc.field)}: ` : ''}${message}`;
  if (hint) text += `\n  hint: ${hint}`;
  return printable(text);
}

/** A field path made of a hostile file's keys can be any length: keep its ends. */
function shorten(field: string): string {
  return field.length > 120 ? `${field.slice(0, 60)}…${field.slice(-59)}` : field;
}

/**
 * Messages quote keys and values from files that may be hostile: control characters
 * (an escape sequence can clear or rewrite the terminal) are shown as `\x1b`, not sent.
 */
function printable(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- replacing control characters is the point
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/** Several validation errors reported at once, so a user fixes a file in one pass. */
export class Cd4mlAggregateError extends Cd4mlError {
  readonly errors: readonly Cd4mlError[];
  /** Problems found but not described (beyond the first ones a file reports). */
  readonly omitted: number;
  constructor(errors: readonly Cd4mlError[], omitted = 0) {
    const first = errors[0];
    const shown = errors.slice(0, MAX_MESSAGES);
    const more = errors.length - shown.length + omitted;
    super(
      first?.code ?? 'E_SPEC',
      shown.map((e) => e.message).join('\n') +
        (more > 0
          ? `\n… and ${more.toLocaleString('en-US')} more problem${more === 1 ? '' : 's'} (fix these first)`
          : ''),
    );
    this.name = 'Cd4mlAggregateError';
    this.errors = errors;
    this.omitted = omitted;
  }
}

/** How many errors an aggregate's message spells out: a hostile file can hold a million. */
const MAX_MESSAGES = 20;
