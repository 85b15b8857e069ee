import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  POLICY_PATH,
  parsePolicy
} from "./chunk-2UM7O3LN.js";
import "./chunk-D344KGZI.js";
import "./chunk-AMI25YWR.js";
import "./chunk-CCETPZWY.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-UKPIOOZD.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
import "./chunk-WARPCWE3.js";
export {
  POLICY_PATH,
  parsePolicy
};
//# sourceMappingURL=parse-ARI2Y5TC.js.map
