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
} from "./chunk-UKPIOOZD.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
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
//# sourceMappingURL=schema-32OBYZ2R.js.map
