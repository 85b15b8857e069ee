import * as z from '../yaml/zod.js';
import { checkRuleShape } from './rule-shape.js';
import { parseQuantity } from './units.js';

/**
 * The gate policy `.github/cd4ml.yml`. Always read from the base branch, so a pull
 * request cannot loosen its own gate. Strict: an unknown key is an error (with the
 * nearest valid name suggested by `parsePolicy`), never silently ignored.
 */

/** A number, a size (`50MB`, `1.5GiB`, in bytes) or a duration (`250ms`, `2s`, in milliseconds). */
const Threshold = z
  .union([
    z.number(),
    z.pipe(
      z.string(),
      z.transform((text: string, ctx) => {
        const quantity = parseQuantity(text);
        if ('error' in quantity) {
          ctx.issues.push({ code: 'custom', message: quantity.error, input: text });
          return z.NEVER;
        }
        return quantity.value;
      }),
    ),
  ])
  .check(
    z.describe(
      'A number, a size such as 50MB or 1.5GiB (bytes), or a duration such as 250ms or 2s (milliseconds).',
    ),
  );

const Percent = z
  .number()
  .check(z.nonnegative(), z.describe('Percent of the base value, e.g. 10 for 10%.'));

export const Direction = z.enum(['higher', 'lower']);
export type Direction = z.infer<typeof Direction>;

export const RULE_CHECKS = [
  'min',
  'max',
  'max_decrease',
  'max_increase',
  'max_decrease_pct',
  'max_increase_pct',
] as const;
export type RuleCheck = (typeof RULE_CHECKS)[number];

/** Checks a `data:` rule can make on a tabular file's profile. */
export const DATA_CHECKS = ['max_drift', 'max_null_rate', 'min_rows', 'schema'] as const;
export type DataCheck = (typeof DATA_CHECKS)[number];

export const Rule = z
  .strictObject({
    metric: z
      .optional(z.string().check(z.minLength(1)))
      .check(
        z.describe(
          'Metric name as in the run record (`accuracy`, `eval.f1`), or a virtual one: `model.bytes`, `model.latency_p50_ms`, `model.latency_p95_ms`, `run.duration_ms`, `stage.<name>.duration_ms`.',
        ),
      ),
    min: z.optional(Threshold).check(z.describe('The head value must be at least this.')),
    max: z.optional(Threshold).check(z.describe('The head value must be at most this.')),
    max_decrease: z
      .optional(Threshold)
      .check(z.describe("Largest allowed drop from the base value, in the metric's unit.")),
    max_increase: z
      .optional(Threshold)
      .check(z.describe("Largest allowed rise from the base value, in the metric's unit.")),
    max_decrease_pct: z
      .optional(Percent)
      .check(z.describe('Largest allowed drop from the base value, in percent of it.')),
    max_increase_pct: z
      .optional(Percent)
      .check(z.describe('Largest allowed rise from the base value, in percent of it.')),
    significant: z
      .optional(z.boolean())
      .check(
        z.describe(
          "Fail a relative check only when the 95% paired bootstrap interval of the change lies entirely beyond the allowed change (needs per-example predictions in both runs); with `slices`, only when the slice's corrected p is below `alpha`.",
        ),
      ),
    slices: z
      .optional(z.array(z.string().check(z.minLength(1))).check(z.minLength(1)))
      .check(
        z.describe(
          "Check the metric in every slice of these columns (declared in the pipeline's `predictions.slices`) instead of overall; slices under `gate.slices.min_rows` are shown, never gated.",
        ),
      ),
    alpha: z
      .optional(z.number().check(z.gt(0), z.lt(1)))
      .check(
        z.describe(
          'Significance level of a slice rule with `significant: true`, compared with the corrected p (default 0.05).',
        ),
      ),
    data: z
      .optional(z.string().check(z.minLength(1)))
      .check(
        z.describe(
          'A tabular data dep or out (CSV, TSV, JSON Lines, Parquet) whose profile the rule checks, instead of a metric.',
        ),
      ),
    column: z
      .optional(z.string().check(z.minLength(1)))
      .check(z.describe('The column a `data:` rule checks (default: every column).')),
    max_drift: z
      .optional(z.number().check(z.nonnegative()))
      .check(
        z.describe(
          'Largest allowed population stability index (PSI) of a column between base and head; 0.1 is a small shift, 0.25 a large one.',
        ),
      ),
    max_null_rate: z
      .optional(z.number().check(z.gte(0), z.lte(1)))
      .check(z.describe('Largest allowed share of empty values in the head data, 0 to 1.')),
    min_rows: z
      .optional(z.int().check(z.nonnegative()))
      .check(z.describe('The head data must have at least this many rows.')),
    schema: z
      .optional(z.literal('unchanged'))
      .check(z.describe('`unchanged`: fail when a column is added, removed or changes type.')),
  })
  .check(z.superRefine(checkRuleShape));

export type Rule = z.infer<typeof Rule>;

const MissingBaseline = z.enum(['pass', 'neutral', 'fail']);
export type MissingBaseline = z.infer<typeof MissingBaseline>;

const Gate = z.strictObject({
  rules: z
    ._default(z.array(Rule), [])
    .check(z.describe('One check per entry; the gate fails when any rule fails.')),
  missing_baseline: z
    ._default(MissingBaseline, 'neutral')
    .check(
      z.describe(
        'What relative checks conclude when the base run (or the metric in it) is missing: pass, neutral (default) or fail.',
      ),
    ),
  breaking_change: z
    ._default(MissingBaseline, 'neutral')
    .check(
      z.describe(
        'What a breaking change to the model signature (changed or new input, changed or removed output) concludes: pass, neutral (default: a human must look) or fail.',
      ),
    ),
  unverified: z
    ._default(MissingBaseline, 'neutral')
    .check(
      z.describe(
        'What the gate concludes when the head metrics are unverified (a fork PR whose metrics its own workflow produced, without trusted evaluation): pass, neutral (default) or fail.',
      ),
    ),
  workflows: z
    ._default(z.array(z.string().check(z.minLength(1))), [])
    .check(
      z.describe(
        'The workflows (names, or file names in .github/workflows) whose runs the bot gates; empty (default): any run that uploaded a cd4ml-run artifact. A named workflow that fails before uploading one fails the check.',
      ),
    ),
  trusted_evaluation: z
    .optional(
      z.strictObject({
        workflow: z
          .string()
          .check(
            z.minLength(1),
            z.describe(
              'Workflow file (in .github/workflows) the bot dispatches on the base branch to evaluate a fork PR’s model with the base branch’s code and data.',
            ),
          ),
      }),
    )
    .check(
      z.describe(
        'Gate fork PRs on a trusted re-evaluation of their model instead of the metrics their own workflow wrote.',
      ),
    ),
  slices: z
    .prefault(
      z.strictObject({
        min_rows: z
          ._default(z.int().check(z.gte(1)), 30)
          .check(z.describe('Slices with fewer paired examples are shown, never tested or gated.')),
        correction: z
          ._default(z.enum(['holm', 'bh']), 'holm')
          .check(
            z.describe(
              'Multiple-testing correction across slices: holm (family-wise error, default) or bh (Benjamini–Hochberg false discovery rate).',
            ),
          ),
      }),
      {},
    )
    .check(z.describe('Per-slice comparison settings (slices come from `predictions.slices`).')),
  significance: z
    .prefault(
      z.strictObject({
        resamples: z._default(z.int().check(z.gte(100), z.lte(100_000)), 2000),
        confidence: z._default(z.number().check(z.gt(0.5), z.lt(1)), 0.95),
        seed: z._default(z.int(), 20240601),
      }),
      {},
    )
    .check(z.describe('Paired bootstrap settings for rules with `significant: true`.')),
});
export type Gate = z.infer<typeof Gate>;

const MetricSettings = z.strictObject({
  direction: Direction.check(
    z.describe(
      'Whether a higher or a lower value is better; guessed from the name when absent (loss, error, latency, size, time → lower).',
    ),
  ),
});

const ReportSettings = z.strictObject({
  history: z
    ._default(z.int().check(z.gte(0), z.lte(200)), 20)
    .check(z.describe('How many base-branch runs the trend sparklines and chart show.')),
  chart: z
    ._default(z.array(z.string().check(z.minLength(1))), [])
    .check(z.describe('Metrics drawn as a history chart (default: the primary metric).')),
  primary: z
    .optional(z.string().check(z.minLength(1)))
    .check(z.describe("The metric that ranks candidates (default: the first rule's metric).")),
  max_rows: z
    ._default(z.int().check(z.gte(5), z.lte(1000)), 40)
    .check(z.describe('Rows of the main metric table before the rest is folded away.')),
});

const DeploySettings = z.strictObject({
  on_merge: z
    ._default(z.enum(['tag', 'none']), 'none')
    .check(
      z.describe(
        '`tag`: after a merge that passed the gate, create the next version tag (starts the release).',
      ),
    ),
  environment: z
    .optional(z.string().check(z.minLength(1)))
    .check(z.describe('GitHub environment the deployment status is reported to.')),
});

export const PolicyFile = z
  .strictObject({
    gate: z.prefault(Gate, {}),
    metrics: z
      ._default(z.record(z.string(), MetricSettings), {})
      .check(z.describe('Per-metric settings, keyed by metric name.')),
    report: z.prefault(ReportSettings, {}),
    deploy: z.prefault(DeploySettings, {}),
  })
  .check(z.describe('cd4ml gate policy (.github/cd4ml.yml), read from the base branch.'));
export type PolicyFile = z.infer<typeof PolicyFile>;
export type Policy = PolicyFile;

/** The policy used when a repository has no `.github/cd4ml.yml`: report only, no rules. */
export function defaultPolicy(): Policy {
  return PolicyFile.parse({});
}

/** The rules on one overall metric: neither per slice nor on data. */
export function metricRules(rules: readonly Rule[]): Array<Rule & { metric: string }> {
  return rules.filter(
    (rule): rule is Rule & { metric: string } =>
      rule.metric !== undefined && rule.slices === undefined,
  );
}
