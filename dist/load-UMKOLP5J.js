import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  loadPipeline
} from "./chunk-Z7G62K3E.js";
import "./chunk-FUOVACPP.js";
import "./chunk-D5TB2756.js";
import "./chunk-FS7TKNHZ.js";
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
//# sourceMappingURL=load-UMKOLP5J.js.map
