import * as z from '../yaml/zod.js';
import { parseQuantity } from './units.js';

/**
 * The gate policy `.github/cd4ml.yml`. Always read from the base branch, so a pull
 * request cannot loosen its own gate. Strict: an unknown key is an error (with the
 * nearest valid name suggested by `parsePolicy`), never silently ignored.
 */

/** A number, a size (`50MB`, `1.5GiB`, in bytes) or a duration (`250ms`, `2s`, in milliseconds). */
export const Threshold = z
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

export const Rule = z
  .strictObject({
    metric: z
      .string()
      .check(
        z.minLength(1),
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
          'Fail a relative check only when the 95% paired bootstrap interval of the change lies entirely beyond the allowed change (needs per-example predictions in both runs).',
        ),
      ),
  })
  .check(
    z.superRefine((rule, ctx) => {
      if (!RULE_CHECKS.some((check) => rule[check] !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          message: `rule for "${rule.metric}" checks nothing: add one of ${RULE_CHECKS.join(', ')}`,
          path: ['metric'],
        });
      }
    }),
  );
export type Rule = z.infer<typeof Rule>;

export const MissingBaseline = z.enum(['pass', 'neutral', 'fail']);
export type MissingBaseline = z.infer<typeof MissingBaseline>;

export const Gate = z.strictObject({
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

export const MetricSettings = z.strictObject({
  direction: Direction.check(
    z.describe(
      'Whether a higher or a lower value is better; guessed from the name when absent (loss, error, latency, size, time → lower).',
    ),
  ),
});

export const ReportSettings = z.strictObject({
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

export const DeploySettings = z.strictObject({
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
