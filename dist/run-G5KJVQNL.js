import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  runPipeline
} from "./chunk-RT5DLZ3Q.js";
import "./chunk-DCG5EQTK.js";
import "./chunk-A3HKKEC7.js";
import "./chunk-XNQNLCG4.js";
import "./chunk-VTY3V4JU.js";
import "./chunk-LPYQMSSN.js";
import "./chunk-LQ4LQDKK.js";
import "./chunk-D5TB2756.js";
import "./chunk-TS4XPKAX.js";
import "./chunk-IK7GRIFG.js";
import "./chunk-TEQHPD2R.js";
import "./chunk-FPP474DI.js";
import "./chunk-EXJZSYIG.js";
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
//# sourceMappingURL=run-G5KJVQNL.js.map
