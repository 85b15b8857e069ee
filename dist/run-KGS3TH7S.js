import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  runPipeline
} from "./chunk-GGY6F7ND.js";
import "./chunk-R7DWBJOY.js";
import "./chunk-A3HKKEC7.js";
import "./chunk-XNQNLCG4.js";
import "./chunk-UHYYKT7N.js";
import "./chunk-YMAZ4XG5.js";
import "./chunk-TEQHPD2R.js";
import "./chunk-GBYXRU5E.js";
import "./chunk-LPYQMSSN.js";
import "./chunk-HPVFS267.js";
import "./chunk-2F6YNR2K.js";
import "./chunk-SYGDGN7T.js";
import "./chunk-NB6K6YUT.js";
import "./chunk-FDRDYCY3.js";
import "./chunk-TZI6WE27.js";
import "./chunk-4Q4A4E67.js";
import "./chunk-D344KGZI.js";
import "./chunk-AMI25YWR.js";
import "./chunk-CCETPZWY.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-WARPCWE3.js";
export {
  runPipeline
};
//# sourceMappingURL=run-KGS3TH7S.js.map
