import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  _default,
  _enum,
  array,
  boolean,
  describe,
  int,
  literal,
  number,
  optional,
  pipe,
  prefault,
  record,
  strictObject,
  string,
  superRefine,
  transform,
  union
} from "./chunk-JK3JTSK4.js";
import {
  NEVER,
  _gt,
  _gte,
  _lt,
  _lte,
  _minLength,
  _nonnegative
} from "./chunk-GDE4YRT6.js";

// core/policy/rule-shape.ts
function checkRuleShape(rule, ctx) {
  const issue = (message, path) => void ctx.addIssue({ code: "custom", message, path: [path] });
  const has = (keys) => keys.filter((k) => rule[k] !== void 0);
  if (rule.metric === void 0 && rule.data === void 0) {
    issue("a rule names a `metric` or a `data` file", "metric");
    return;
  }
  if (rule.metric !== void 0 && rule.data !== void 0) {
    issue("a rule names a `metric` or a `data` file, not both: split it in two", "data");
    return;
  }
  if (rule.data !== void 0) {
    const wrong2 = has([...RULE_CHECKS, "slices", "alpha", "significant"]);
    if (wrong2.length > 0)
      issue(`a data rule checks ${DATA_CHECKS.join(", ")}, not ${wrong2.join(", ")}`, wrong2[0]);
    else if (has(DATA_CHECKS).length === 0)
      issue(
        `data rule for "${rule.data}" checks nothing: add one of ${DATA_CHECKS.join(", ")}`,
        "data"
      );
    return;
  }
  const wrong = has(["column", ...DATA_CHECKS]);
  if (wrong.length > 0)
    issue(`${wrong[0]} belongs in a \`data:\` rule, not a metric rule`, wrong[0]);
  else if (has(RULE_CHECKS).length === 0)
    issue(
      `rule for "${rule.metric}" checks nothing: add one of ${RULE_CHECKS.join(", ")}`,
      "metric"
    );
  else if (rule.alpha !== void 0 && rule.slices === void 0)
    issue("alpha applies to slice rules: add `slices: [column]` or remove it", "alpha");
}

// core/policy/units.ts
var SIZE_UNITS = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4
};
var DURATION_UNITS = {
  ms: 1,
  s: 1e3,
  m: 6e4,
  min: 6e4,
  h: 36e5
};
var PATTERN = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*([a-z]*)\s*$/i;
function parseQuantity(text) {
  const match = PATTERN.exec(text);
  if (!match) return { error: `"${text}" is not a number, a size (50MB) or a duration (2s)` };
  const number2 = Number(match[1]);
  const unit = (match[2] ?? "").toLowerCase();
  if (unit === "") return { value: number2, unit: null };
  const size = SIZE_UNITS[unit];
  if (size !== void 0) return { value: number2 * size, unit: "bytes" };
  const duration = DURATION_UNITS[unit];
  if (duration !== void 0) return { value: number2 * duration, unit: "ms" };
  return {
    error: `unknown unit "${match[2]}" in "${text}": use B, kB, MB, GB, KiB, MiB, GiB, ms, s, m or h`
  };
}

// core/policy/schema.ts
var Threshold = union([
  number(),
  pipe(
    string(),
    transform((text, ctx) => {
      const quantity = parseQuantity(text);
      if ("error" in quantity) {
        ctx.issues.push({ code: "custom", message: quantity.error, input: text });
        return NEVER;
      }
      return quantity.value;
    })
  )
]).check(
  describe(
    "A number, a size such as 50MB or 1.5GiB (bytes), or a duration such as 250ms or 2s (milliseconds)."
  )
);
var Percent = number().check(_nonnegative(), describe("Percent of the base value, e.g. 10 for 10%."));
var Direction = _enum(["higher", "lower"]);
var RULE_CHECKS = [
  "min",
  "max",
  "max_decrease",
  "max_increase",
  "max_decrease_pct",
  "max_increase_pct"
];
var DATA_CHECKS = ["max_drift", "max_null_rate", "min_rows", "schema"];
var Rule = strictObject({
  metric: optional(string().check(_minLength(1))).check(
    describe(
      "Metric name as in the run record (`accuracy`, `eval.f1`), or a virtual one: `model.bytes`, `model.latency_p50_ms`, `model.latency_p95_ms`, `run.duration_ms`, `stage.<name>.duration_ms`."
    )
  ),
  min: optional(Threshold).check(describe("The head value must be at least this.")),
  max: optional(Threshold).check(describe("The head value must be at most this.")),
  max_decrease: optional(Threshold).check(describe("Largest allowed drop from the base value, in the metric's unit.")),
  max_increase: optional(Threshold).check(describe("Largest allowed rise from the base value, in the metric's unit.")),
  max_decrease_pct: optional(Percent).check(describe("Largest allowed drop from the base value, in percent of it.")),
  max_increase_pct: optional(Percent).check(describe("Largest allowed rise from the base value, in percent of it.")),
  significant: optional(boolean()).check(
    describe(
      "Fail a relative check only when the 95% paired bootstrap interval of the change lies entirely beyond the allowed change (needs per-example predictions in both runs); with `slices`, only when the slice's corrected p is below `alpha`."
    )
  ),
  slices: optional(array(string().check(_minLength(1))).check(_minLength(1))).check(
    describe(
      "Check the metric in every slice of these columns (declared in the pipeline's `predictions.slices`) instead of overall; slices under `gate.slices.min_rows` are shown, never gated."
    )
  ),
  alpha: optional(number().check(_gt(0), _lt(1))).check(
    describe(
      "Significance level of a slice rule with `significant: true`, compared with the corrected p (default 0.05)."
    )
  ),
  data: optional(string().check(_minLength(1))).check(
    describe(
      "A tabular data dep or out (CSV, TSV, JSON Lines, Parquet) whose profile the rule checks, instead of a metric."
    )
  ),
  column: optional(string().check(_minLength(1))).check(describe("The column a `data:` rule checks (default: every column).")),
  max_drift: optional(number().check(_nonnegative())).check(
    describe(
      "Largest allowed population stability index (PSI) of a column between base and head; 0.1 is a small shift, 0.25 a large one."
    )
  ),
  max_null_rate: optional(number().check(_gte(0), _lte(1))).check(describe("Largest allowed share of empty values in the head data, 0 to 1.")),
  min_rows: optional(int().check(_nonnegative())).check(describe("The head data must have at least this many rows.")),
  schema: optional(literal("unchanged")).check(describe("`unchanged`: fail when a column is added, removed or changes type."))
}).check(superRefine(checkRuleShape));
var MissingBaseline = _enum(["pass", "neutral", "fail"]);
var Gate = strictObject({
  rules: _default(array(Rule), []).check(describe("One check per entry; the gate fails when any rule fails.")),
  missing_baseline: _default(MissingBaseline, "neutral").check(
    describe(
      "What relative checks conclude when the base run (or the metric in it) is missing: pass, neutral (default) or fail."
    )
  ),
  breaking_change: _default(MissingBaseline, "neutral").check(
    describe(
      "What a breaking change to the model signature (changed or new input, changed or removed output) concludes: pass, neutral (default: a human must look) or fail."
    )
  ),
  unverified: _default(MissingBaseline, "neutral").check(
    describe(
      "What the gate concludes when the head metrics are unverified (a fork PR whose metrics its own workflow produced, without trusted evaluation): pass, neutral (default) or fail."
    )
  ),
  workflows: _default(array(string().check(_minLength(1))), []).check(
    describe(
      "The workflows (names, or file names in .github/workflows) whose runs the bot gates; empty (default): any run that uploaded a cd4ml-run artifact. A named workflow that fails before uploading one fails the check."
    )
  ),
  trusted_evaluation: optional(
    strictObject({
      workflow: string().check(
        _minLength(1),
        describe(
          "Workflow file (in .github/workflows) the bot dispatches on the base branch to evaluate a fork PR\u2019s model with the base branch\u2019s code and data."
        )
      )
    })
  ).check(
    describe(
      "Gate fork PRs on a trusted re-evaluation of their model instead of the metrics their own workflow wrote."
    )
  ),
  slices: prefault(
    strictObject({
      min_rows: _default(int().check(_gte(1)), 30).check(describe("Slices with fewer paired examples are shown, never tested or gated.")),
      correction: _default(_enum(["holm", "bh"]), "holm").check(
        describe(
          "Multiple-testing correction across slices: holm (family-wise error, default) or bh (Benjamini\u2013Hochberg false discovery rate)."
        )
      )
    }),
    {}
  ).check(describe("Per-slice comparison settings (slices come from `predictions.slices`).")),
  significance: prefault(
    strictObject({
      resamples: _default(int().check(_gte(100), _lte(1e5)), 2e3),
      confidence: _default(number().check(_gt(0.5), _lt(1)), 0.95),
      seed: _default(int(), 20240601)
    }),
    {}
  ).check(describe("Paired bootstrap settings for rules with `significant: true`."))
});
var MetricSettings = strictObject({
  direction: Direction.check(
    describe(
      "Whether a higher or a lower value is better; guessed from the name when absent (loss, error, latency, size, time \u2192 lower)."
    )
  )
});
var ReportSettings = strictObject({
  history: _default(int().check(_gte(0), _lte(200)), 20).check(describe("How many base-branch runs the trend sparklines and chart show.")),
  chart: _default(array(string().check(_minLength(1))), []).check(describe("Metrics drawn as a history chart (default: the primary metric).")),
  primary: optional(string().check(_minLength(1))).check(describe("The metric that ranks candidates (default: the first rule's metric).")),
  max_rows: _default(int().check(_gte(5), _lte(1e3)), 40).check(describe("Rows of the main metric table before the rest is folded away."))
});
var DeploySettings = strictObject({
  on_merge: _default(_enum(["tag", "none"]), "none").check(
    describe(
      "`tag`: after a merge that passed the gate, create the next version tag (starts the release)."
    )
  ),
  environment: optional(string().check(_minLength(1))).check(describe("GitHub environment the deployment status is reported to."))
});
var PolicyFile = strictObject({
  gate: prefault(Gate, {}),
  metrics: _default(record(string(), MetricSettings), {}).check(describe("Per-metric settings, keyed by metric name.")),
  report: prefault(ReportSettings, {}),
  deploy: prefault(DeploySettings, {})
}).check(describe("cd4ml gate policy (.github/cd4ml.yml), read from the base branch."));
function defaultPolicy() {
  return PolicyFile.parse({});
}
function metricRules(rules) {
  return rules.filter(
    (rule) => rule.metric !== void 0 && rule.slices === void 0
  );
}

export {
  Direction,
  RULE_CHECKS,
  DATA_CHECKS,
  Rule,
  PolicyFile,
  defaultPolicy,
  metricRules
};
//# sourceMappingURL=chunk-TA7C4CJ4.js.map
