import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  YamlSource
} from "./chunk-MHBK5F5J.js";
import {
  NEVER,
  _default,
  _enum,
  _gt,
  _gte,
  _lt,
  _lte,
  _minLength,
  _nonnegative,
  array,
  boolean,
  describe,
  int,
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
} from "./chunk-QSCNA3LF.js";
import {
  Cd4mlError
} from "./chunk-3SVN66WC.js";

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
var Rule = strictObject({
  metric: string().check(
    _minLength(1),
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
      "Fail a relative check only when the 95% paired bootstrap interval of the change lies entirely beyond the allowed change (needs per-example predictions in both runs)."
    )
  )
}).check(
  superRefine((rule, ctx) => {
    if (!RULE_CHECKS.some((check) => rule[check] !== void 0)) {
      ctx.addIssue({
        code: "custom",
        message: `rule for "${rule.metric}" checks nothing: add one of ${RULE_CHECKS.join(", ")}`,
        path: ["metric"]
      });
    }
  })
);
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

// core/policy/parse.ts
var POLICY_PATH = ".github/cd4ml.yml";
var MAX_POLICY_BYTES = 256 * 1024;
function parsePolicy(text, file = POLICY_PATH) {
  if (text.length > MAX_POLICY_BYTES) {
    throw new Cd4mlError("E_POLICY", `policy file is over ${MAX_POLICY_BYTES} bytes`, {
      location: { file }
    });
  }
  const source = YamlSource.parse(text, file, "E_POLICY");
  return source.validate(PolicyFile, source.data ?? {}, [], "E_POLICY");
}

export {
  defaultPolicy,
  POLICY_PATH,
  parsePolicy
};
//# sourceMappingURL=chunk-AQJ4L5W2.js.map
