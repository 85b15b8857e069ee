import type { Scalar } from '../../run-record/schema.js';
import { code } from '../escape.js';
import { type Section, details, table } from './section.js';

function scalar(value: Scalar | undefined): string {
  if (value === undefined) return '—';
  return code(JSON.stringify(value), 120);
}

/** Params that differ between base and head. */
export const paramsSection: Section = ({ comparison }, budget) => {
  if (!comparison.base) return null;
  const { params, paramCounts } = comparison;
  if (params.length === 0)
    return details(
      '<b>Params</b>: unchanged',
      `All ${paramCounts.head.toLocaleString('en-US')} params are the same in both runs.`,
    );

  const summary = `<b>Params</b>: ${params.length.toLocaleString('en-US')} changed, ${paramCounts.unchanged.toLocaleString('en-US')} unchanged`;
  return details(
    summary,
    table(['Param', 'Base', 'Head', ''], '|:--|:--|:--|:--|', params, budget - 400, (p) => [
      code(p.name, 100),
      scalar(p.base),
      scalar(p.head),
      p.change === 'changed' ? '' : p.change,
    ]),
  );
};
