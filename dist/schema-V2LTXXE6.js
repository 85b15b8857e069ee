import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  DATA_CHECKS,
  Direction,
  PolicyFile,
  RULE_CHECKS,
  Rule,
  defaultPolicy,
  metricRules
} from "./chunk-TA7C4CJ4.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
import "./chunk-WARPCWE3.js";
export {
  DATA_CHECKS,
  Direction,
  PolicyFile,
  RULE_CHECKS,
  Rule,
  defaultPolicy,
  metricRules
};
//# sourceMappingURL=schema-V2LTXXE6.js.map
