import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  buildDag,
  dagToMermaid,
  dagToText,
  producerIndex,
  selectStages
} from "./chunk-KEOTGJIN.js";
import "./chunk-MHBK5F5J.js";
import "./chunk-2GQV5RWE.js";
import "./chunk-YNU33C6K.js";
import "./chunk-3SVN66WC.js";
import "./chunk-WARPCWE3.js";
export {
  buildDag,
  dagToMermaid,
  dagToText,
  producerIndex,
  selectStages
};
//# sourceMappingURL=dag-2RNNHGAD.js.map
