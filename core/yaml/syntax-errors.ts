import type { YAMLException } from 'js-yaml';
import { Cd4mlAggregateError, Cd4mlError, type ErrorCode } from '../errors.js';
import type { ParseLimits } from './limits.js';
import { positionParser } from './positions.js';

/**
 * js-yaml's syntax error as cd4ml errors, each at its line: past js-yaml's own limits
 * (nesting) or for a duplicate key, the one error; otherwise every syntax error the
 * position-keeping parser finds.
 */
export function syntaxErrors(
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
