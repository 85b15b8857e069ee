import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  DATA_CHECKS,
  DeploySettings,
  Direction,
  Gate,
  MetricSettings,
  MissingBaseline,
  PolicyFile,
  RULE_CHECKS,
  ReportSettings,
  Rule,
  Threshold,
  defaultPolicy,
  metricRules
} from "./chunk-KCQC2NFU.js";
import "./chunk-2UBMXQPT.js";
import "./chunk-BV3ZQNLS.js";
import "./chunk-WARPCWE3.js";
export {
  DATA_CHECKS,
  DeploySettings,
  Direction,
  Gate,
  MetricSettings,
  MissingBaseline,
  PolicyFile,
  RULE_CHECKS,
  ReportSettings,
  Rule,
  Threshold,
  defaultPolicy,
  metricRules
};
//# sourceMappingURL=schema-M2TVOQSG.js.map
