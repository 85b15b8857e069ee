import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { z } from 'zod';
import { Cd4mlAggregateError, Cd4mlError } from '../errors.js';
import { type Policy, PolicyFile, defaultPolicy } from './schema.js';
import { nearest } from './suggest.js';

export const POLICY_PATH = '.github/cd4ml.yml';
const MAX_POLICY_BYTES = 256 * 1024;

/**
 * Parses and validates `.github/cd4ml.yml`. Every problem is reported at once, each
 * with `file:line:column`, the dotted field and — for a misspelt key — the nearest
 * valid name. An empty file is the default policy (report only, no rules).
 *
 * @throws Cd4mlAggregateError with code `E_POLICY` when the file is invalid.
 */
export function parsePolicy(text: string, file: string = POLICY_PATH): Policy {
  if (text.length > MAX_POLICY_BYTES) {
    throw new Cd4mlError('E_POLICY', `policy file is over ${MAX_POLICY_BYTES} bytes`, {
      location: { file },
    });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const errors: Cd4mlError[] = [];
  for (const error of doc.errors) {
    const pos = lineCounter.linePos(error.pos[0]);
    errors.push(
      new Cd4mlError(
        'E_POLICY',
        `YAML syntax error: ${error.message.split('\n')[0] ?? error.code}`,
        {
          location: { file, line: pos.line, column: pos.col },
        },
      ),
    );
  }
  if (errors.length > 0) throw new Cd4mlAggregateError(errors);

  const data: unknown = doc.toJS() ?? {};
  const result = PolicyFile.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues)
    errors.push(...issueErrors(issue, doc, lineCounter, file));
  throw new Cd4mlAggregateError(errors);
}

/** The policy in a file's text, or the default one when there is no file. */
export function parsePolicyOrDefault(text: string | undefined, file: string = POLICY_PATH): Policy {
  return text === undefined ? defaultPolicy() : parsePolicy(text, file);
}

type Path = ReadonlyArray<PropertyKey>;

function issueErrors(
  issue: z.core.$ZodIssue,
  doc: Document,
  counter: LineCounter,
  file: string,
): Cd4mlError[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const known = keysAt(PolicyFile, path);
    return issue.keys.map((key) => {
      const suggestion = nearest(key, known);
      const node = keyNode(doc, path, key);
      return new Cd4mlError(
        'E_POLICY',
        `unknown key "${key}"${suggestion ? ` — did you mean "${suggestion}"?` : ''}`,
        {
          location: { file, ...position(node, counter), field: [...path, key].join('.') },
          hint: `valid keys here: ${known.join(', ')}`,
        },
      );
    });
  }
  const node = nodeAt(doc, path);
  return [
    new Cd4mlError('E_POLICY', describe(issue), {
      location: { file, ...position(node, counter), field: path.join('.') || undefined },
    }),
  ];
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_union') {
    // A threshold is a number or a string with a unit: say what was wrong with the string.
    const custom = issue.errors.flat().find((inner) => inner.code === 'custom');
    if (custom) return custom.message;
    return 'expected a number, a size such as 50MB, or a duration such as 2s';
  }
  if (issue.code === 'invalid_value')
    return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return issue.message;
}

/** The node at a path, or its nearest existing ancestor, for a line number. */
function nodeAt(doc: Document, path: Path): Node | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node: unknown = length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true);
    if (node && typeof node === 'object' && 'range' in node) return node as Node;
  }
  return undefined;
}

function keyNode(doc: Document, path: Path, key: string): Node | undefined {
  const parent = nodeAt(doc, path);
  if (isMap(parent)) {
    for (const pair of parent.items) {
      if (isScalar(pair.key) && String(pair.key.value) === key) return pair.key;
    }
  }
  return parent;
}

function position(
  node: Node | undefined,
  counter: LineCounter,
): { line?: number; column?: number } {
  const offset = node?.range?.[0];
  if (offset === undefined) return {};
  const pos = counter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** Valid keys of the object schema found at `path` (array indices and record keys walk through). */
function keysAt(schema: z.ZodType, path: Path): string[] {
  let current: z.ZodType | undefined = schema;
  const steps = [...path];
  while (current) {
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault ||
      current instanceof z.ZodNullable
    ) {
      current = current.unwrap() as z.ZodType;
      continue;
    }
    if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
      continue;
    }
    if (steps.length === 0) return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
    const step = steps.shift()!;
    if (current instanceof z.ZodObject)
      current = (current.shape as Record<string, z.ZodType>)[String(step)];
    else if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    else if (current instanceof z.ZodRecord) current = current.valueType as z.ZodType;
    else return [];
  }
  return [];
}
