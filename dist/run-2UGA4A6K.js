import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  runPipeline
} from "./chunk-NBXRVT76.js";
import "./chunk-OOY2OBST.js";
import "./chunk-A3HKKEC7.js";
import "./chunk-XNQNLCG4.js";
import "./chunk-B2HB66GY.js";
import "./chunk-LPYQMSSN.js";
import "./chunk-FUOVACPP.js";
import "./chunk-D5TB2756.js";
import "./chunk-TS4XPKAX.js";
import "./chunk-WE5JSLLM.js";
import "./chunk-TEQHPD2R.js";
import "./chunk-3526BXDD.js";
import "./chunk-FS7TKNHZ.js";
import "./chunk-FDRDYCY3.js";
import "./chunk-TZI6WE27.js";
import "./chunk-4Q4A4E67.js";
import "./chunk-MD63NX4Y.js";
import "./chunk-AMI25YWR.js";
import "./chunk-YNU33C6K.js";
import "./chunk-3SVN66WC.js";
import "./chunk-WARPCWE3.js";
export {
  runPipeline
};
//# sourceMappingURL=run-2UGA4A6K.js.map
