import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  loadPipeline
} from "./chunk-MXXSRCRG.js";
import "./chunk-HPVFS267.js";
import "./chunk-2F6YNR2K.js";
import "./chunk-NB6K6YUT.js";
import "./chunk-FDRDYCY3.js";
import "./chunk-TZI6WE27.js";
import "./chunk-D344KGZI.js";
import "./chunk-AMI25YWR.js";
import "./chunk-CCETPZWY.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
import "./chunk-WARPCWE3.js";
export {
  loadPipeline
};
//# sourceMappingURL=load-Q3654NLA.js.map
