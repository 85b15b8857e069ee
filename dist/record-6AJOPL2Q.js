import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  buildRunRecord,
  readMetrics,
  saveRunRecord,
  startContext
} from "./chunk-5ERK3UW7.js";
import "./chunk-A3HKKEC7.js";
import "./chunk-TEQHPD2R.js";
import "./chunk-GBYXRU5E.js";
import "./chunk-2F6YNR2K.js";
import "./chunk-SYGDGN7T.js";
import "./chunk-NB6K6YUT.js";
import "./chunk-EOY3QICW.js";
import "./chunk-MWFTLBHP.js";
import "./chunk-YELAXUXB.js";
import "./chunk-FDRDYCY3.js";
import "./chunk-TZI6WE27.js";
import "./chunk-KWKVIQUA.js";
import "./chunk-D344KGZI.js";
import "./chunk-AMI25YWR.js";
import "./chunk-CCETPZWY.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
import "./chunk-WARPCWE3.js";
export {
  buildRunRecord,
  readMetrics,
  saveRunRecord,
  startContext
};
//# sourceMappingURL=record-6AJOPL2Q.js.map
