import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  listPulledRuns,
  pullHistory
} from "./chunk-ZHNJPGMQ.js";
import "./chunk-QOXXOH7U.js";
import "./chunk-6LDAOXKJ.js";
import "./chunk-IMTQNICV.js";
import "./chunk-ZVUFDLLX.js";
import "./chunk-KNG5AAJO.js";
import "./chunk-KWKVIQUA.js";
import "./chunk-YNU33C6K.js";
import "./chunk-3SVN66WC.js";
import "./chunk-2UBMXQPT.js";
import "./chunk-BV3ZQNLS.js";
import "./chunk-WARPCWE3.js";
export {
  listPulledRuns,
  pullHistory
};
//# sourceMappingURL=pull-KJTH4KMQ.js.map
