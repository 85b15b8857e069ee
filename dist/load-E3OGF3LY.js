import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  loadPipeline
} from "./chunk-M45N3G4C.js";
import "./chunk-YXNVYFFE.js";
import "./chunk-KWUKOZSM.js";
import "./chunk-2GQV5RWE.js";
import "./chunk-QSCNA3LF.js";
import "./chunk-3QTQQ26Y.js";
import "./chunk-4AXHXC4F.js";
import "./chunk-WARPCWE3.js";
export {
  loadPipeline
};
//# sourceMappingURL=load-E3OGF3LY.js.map
