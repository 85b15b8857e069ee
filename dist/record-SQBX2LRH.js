import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  buildRunRecord,
  readMetrics,
  saveRunRecord,
  startContext
} from "./chunk-BX52ZR6D.js";
import "./chunk-WEBOUEKP.js";
import "./chunk-TEQHPD2R.js";
import "./chunk-H5AA4MDR.js";
import "./chunk-MWFTLBHP.js";
import "./chunk-HSRBYVUK.js";
import "./chunk-G7YKAU6F.js";
import "./chunk-YXNVYFFE.js";
import "./chunk-FDRDYCY3.js";
import "./chunk-KWUKOZSM.js";
import "./chunk-2GQV5RWE.js";
import "./chunk-CMHCDC7N.js";
import "./chunk-3QTQQ26Y.js";
import "./chunk-4AXHXC4F.js";
import "./chunk-WARPCWE3.js";
export {
  buildRunRecord,
  readMetrics,
  saveRunRecord,
  startContext
};
//# sourceMappingURL=record-SQBX2LRH.js.map
