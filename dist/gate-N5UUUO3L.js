import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  renderGateReport,
  runGate
} from "./chunk-ZU2X7AGY.js";
import "./chunk-DF5CTIZP.js";
import "./chunk-EQ45VZ7I.js";
import "./chunk-KWKVIQUA.js";
import "./chunk-5ZLPMS4V.js";
import "./chunk-TZI6WE27.js";
import "./chunk-4Q4A4E67.js";
import "./chunk-FFKSSSAM.js";
import "./chunk-MD63NX4Y.js";
import "./chunk-AMI25YWR.js";
import "./chunk-YNU33C6K.js";
import "./chunk-3SVN66WC.js";
import "./chunk-KCQC2NFU.js";
import "./chunk-RPYUKDUK.js";
import "./chunk-LAUS2DL7.js";
import "./chunk-2PHLUHEH.js";
import "./chunk-W3FRIKUD.js";
import "./chunk-2UBMXQPT.js";
import "./chunk-BV3ZQNLS.js";
import "./chunk-WARPCWE3.js";
export {
  renderGateReport,
  runGate
};
//# sourceMappingURL=gate-N5UUUO3L.js.map
