import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  buildRunRecord,
  readMetrics,
  saveRunRecord,
  startContext
} from "./chunk-OEDLKIG7.js";
import "./chunk-A3HKKEC7.js";
import "./chunk-B2HB66GY.js";
import "./chunk-D5TB2756.js";
import "./chunk-TEQHPD2R.js";
import "./chunk-3526BXDD.js";
import "./chunk-FS7TKNHZ.js";
import "./chunk-ZVUFDLLX.js";
import "./chunk-KNG5AAJO.js";
import "./chunk-MWFTLBHP.js";
import "./chunk-FDRDYCY3.js";
import "./chunk-KWKVIQUA.js";
import "./chunk-TZI6WE27.js";
import "./chunk-MD63NX4Y.js";
import "./chunk-AMI25YWR.js";
import "./chunk-YNU33C6K.js";
import "./chunk-3SVN66WC.js";
import "./chunk-2UBMXQPT.js";
import "./chunk-BV3ZQNLS.js";
import "./chunk-WARPCWE3.js";
export {
  buildRunRecord,
  readMetrics,
  saveRunRecord,
  startContext
};
//# sourceMappingURL=record-RH72ZALZ.js.map
