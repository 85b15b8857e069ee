import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  durationMs,
  loadPipeline
} from "./chunk-S6RIRFAV.js";
import "./chunk-FERNUCDL.js";
import "./chunk-GHTYEQUQ.js";
import "./chunk-2GQV5RWE.js";
import "./chunk-RKTGIFGW.js";
import "./chunk-RQ2NQWT4.js";
import "./chunk-4AXHXC4F.js";
import "./chunk-WARPCWE3.js";
export {
  durationMs,
  loadPipeline
};
//# sourceMappingURL=load-DUJDQX4G.js.map
