import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  RUN_RECORD_LIMITS,
  parseRunRecord
} from "./chunk-IMTQNICV.js";
import "./chunk-ZVUFDLLX.js";
import "./chunk-KWKVIQUA.js";
import "./chunk-YNU33C6K.js";
import "./chunk-3SVN66WC.js";
import "./chunk-2UBMXQPT.js";
import "./chunk-BV3ZQNLS.js";
import "./chunk-WARPCWE3.js";
export {
  RUN_RECORD_LIMITS,
  parseRunRecord
};
//# sourceMappingURL=parse-FE5QQ4RU.js.map
