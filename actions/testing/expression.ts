import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

function toData(value: Value): data.ExpressionData {
  if (value === null) return new data.Null();
  if (typeof value === 'string') return new data.StringData(value);
  if (typeof value === 'number') return new data.NumberData(value);
  if (typeof value === 'boolean') return new data.BooleanData(value);
  if (Array.isArray(value)) {
    const array = new data.Array();
    for (const item of value) array.add(toData(item));
    return array;
  }
  return new data.Dictionary(
    ...Object.entries(value).map(([key, v]) => ({ key, value: toData(v) })),
  );
}

/** How the steps (or, for a job's `if`, the needed jobs) before this one ended. */
export type PriorStatus = 'success' | 'failure' | 'cancelled';

/** The runner's status functions, which are not part of the expression language itself. */
function statusFunctions(status: PriorStatus): Map<string, FunctionDefinition> {
  const fn = (name: string, value: boolean): [string, FunctionDefinition] => [
    name,
    { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(value) },
  ];
  return new Map([
    fn('success', status === 'success'),
    fn('failure', status === 'failure'),
    fn('cancelled', status === 'cancelled'),
    fn('always', true),
  ]);
}

/**
 * A GitHub Actions expression (`a == 'b' && c || d`) evaluated by GitHub's own evaluator
 * (@actions/expressions) with the given contexts and status, as a workflow would use it.
 */
export function evaluateExpression(
  expression: string,
  contexts: Record<string, Value>,
  status: PriorStatus = 'success',
): data.ExpressionData {
  const functions = statusFunctions(status);
  const lexed = new Lexer(expression).lex();
  const parsed = new Parser(lexed.tokens, Object.keys(contexts), [...functions.values()]).parse();
  return new Evaluator(parsed, toData(contexts) as data.Dictionary, functions).evaluate();
}

/** Every `${{ … }}` in `text` evaluated and written as a string. */
export function evaluateTemplate(text: string, contexts: Record<string, Value>): string {
  return text.replace(/\$\{\{(.*?)\}\}/g, (_, expression: string) =>
    evaluateExpression(expression, contexts).coerceString(),
  );
}

/**
 * A job's or step's `if:` as the runner decides it: with or without `${{ }}`, and with an
 * implicit `success() &&` unless the condition calls a status function itself.
 */
export function evaluateIf(
  condition: string | undefined,
  contexts: Record<string, Value>,
  status: PriorStatus,
): boolean {
  const bare = (condition ?? 'success()').trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const expression = /\b(success|failure|cancelled|always)\(\)/.test(bare)
    ? bare
    : `success() && (${bare})`;
  return truthy(evaluateExpression(expression, contexts, status));
}
