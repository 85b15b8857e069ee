import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  buildDag,
  dagToMermaid,
  dagToText,
  producerIndex,
  selectStages
} from "./chunk-GBYXRU5E.js";
import "./chunk-D344KGZI.js";
import "./chunk-AMI25YWR.js";
import "./chunk-CCETPZWY.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-WARPCWE3.js";
export {
  buildDag,
  dagToMermaid,
  dagToText,
  producerIndex,
  selectStages
};
//# sourceMappingURL=dag-44RGUMI4.js.map
