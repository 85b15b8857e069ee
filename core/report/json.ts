import type { Comparison } from '../compare/types.js';
import type { GateDecision } from '../policy/evaluate.js';

const COMPARE_JSON_SCHEMA = 'cd4ml/compare@1';

/** The machine form: the decision and the full comparison, versioned. */
export interface CompareJson {
  schema: typeof COMPARE_JSON_SCHEMA;
  conclusion: GateDecision['conclusion'];
  summary: string;
  reasons: GateDecision['reasons'];
  comparison: Comparison;
}

function toJson(comparison: Comparison, decision: GateDecision): CompareJson {
  return {
    schema: COMPARE_JSON_SCHEMA,
    conclusion: decision.conclusion,
    summary: decision.summary,
    reasons: decision.reasons,
    comparison,
  };
}

/** JSON text; `undefined` params (absent on one side) become `null` so "missing" survives. */
export function renderJson(comparison: Comparison, decision: GateDecision): string {
  return `${JSON.stringify(toJson(comparison, decision), (_key, value: unknown) => (value === undefined ? null : value), 2)}\n`;
}
