import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  durationMs,
  loadPipeline
} from "./chunk-7UNT3IOP.js";
import "./chunk-3IFHUBRS.js";
import "./chunk-G5DQXXPB.js";
import "./chunk-2GQV5RWE.js";
import "./chunk-QSCNA3LF.js";
import "./chunk-3QTQQ26Y.js";
import "./chunk-4AXHXC4F.js";
import "./chunk-WARPCWE3.js";
export {
  durationMs,
  loadPipeline
};
//# sourceMappingURL=load-AC5ZVT7Z.js.map
