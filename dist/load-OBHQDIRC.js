import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  loadPipeline
} from "./chunk-7RRTFSRZ.js";
import "./chunk-LQ4LQDKK.js";
import "./chunk-D5TB2756.js";
import "./chunk-EXJZSYIG.js";
import "./chunk-FDRDYCY3.js";
import "./chunk-TZI6WE27.js";
import "./chunk-MD63NX4Y.js";
import "./chunk-AMI25YWR.js";
import "./chunk-YNU33C6K.js";
import "./chunk-3SVN66WC.js";
import "./chunk-2UBMXQPT.js";
import "./chunk-BV3ZQNLS.js";
import "./chunk-WARPCWE3.js";
export {
  loadPipeline
};
//# sourceMappingURL=load-OBHQDIRC.js.map
