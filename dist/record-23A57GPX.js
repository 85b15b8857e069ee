import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  buildRunRecord,
  readMetrics,
  saveRunRecord,
  startContext
} from "./chunk-VI2LLDEU.js";
import "./chunk-A3HKKEC7.js";
import "./chunk-VTY3V4JU.js";
import "./chunk-D5TB2756.js";
import "./chunk-TEQHPD2R.js";
import "./chunk-FPP474DI.js";
import "./chunk-EXJZSYIG.js";
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
//# sourceMappingURL=record-23A57GPX.js.map
