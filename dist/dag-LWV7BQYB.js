import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  buildDag,
  dagToMermaid,
  dagToText,
  producerIndex,
  selectStages
} from "./chunk-V4GO7NXQ.js";
import "./chunk-G5DQXXPB.js";
import "./chunk-2GQV5RWE.js";
import "./chunk-3QTQQ26Y.js";
import "./chunk-4AXHXC4F.js";
import "./chunk-WARPCWE3.js";
export {
  buildDag,
  dagToMermaid,
  dagToText,
  producerIndex,
  selectStages
};
//# sourceMappingURL=dag-LWV7BQYB.js.map
