import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  buildRunRecord,
  readMetrics,
  saveRunRecord,
  startContext
} from "./chunk-QJMOFAC2.js";
import "./chunk-ZAJTEWYN.js";
import "./chunk-YOQ5RI6X.js";
import "./chunk-XNQNLCG4.js";
import "./chunk-MWFTLBHP.js";
import "./chunk-QCB6NS4H.js";
import "./chunk-KEOTGJIN.js";
import "./chunk-J2DKWH55.js";
import "./chunk-FDRDYCY3.js";
import "./chunk-MHBK5F5J.js";
import "./chunk-2GQV5RWE.js";
import "./chunk-CMHCDC7N.js";
import "./chunk-YNU33C6K.js";
import "./chunk-3SVN66WC.js";
import "./chunk-WARPCWE3.js";
export {
  buildRunRecord,
  readMetrics,
  saveRunRecord,
  startContext
};
//# sourceMappingURL=record-ZJRF2KC2.js.map
