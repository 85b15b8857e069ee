import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  buildDag,
  dagToMermaid,
  dagToText,
  producerIndex,
  selectStages
} from "./chunk-VTY3V4JU.js";
import "./chunk-MD63NX4Y.js";
import "./chunk-AMI25YWR.js";
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
//# sourceMappingURL=dag-HOLV25R6.js.map
