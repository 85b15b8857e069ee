import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);

// core/compare/format.ts
function unitOf(metric) {
  const name = metric.toLowerCase();
  if (name.endsWith("bytes")) return "bytes";
  if (name.endsWith("_ms") || name.endsWith(".ms")) return "ms";
  return "plain";
}
var formatters = /* @__PURE__ */ new Map();
function formatter(digits) {
  let format = formatters.get(digits);
  if (!format) {
    format = new Intl.NumberFormat("en-US", {
      maximumFractionDigits: digits,
      minimumFractionDigits: 0
    });
    formatters.set(digits, format);
  }
  return format;
}
function formatNumber(value) {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (value !== 0 && (abs >= 1e12 || abs < 1e-4)) return value.toExponential(2).replace("-", "\u2212");
  const digits = Number.isInteger(value) ? 0 : abs >= 1e3 ? 1 : Math.min(6, Math.max(0, 3 - Math.floor(Math.log10(abs))));
  return formatter(digits).format(value).replace("-", "\u2212");
}
function formatBytes(bytes) {
  const abs = Math.abs(bytes);
  const sign = bytes < 0 ? "\u2212" : "";
  if (abs < 1e3) return `${sign}${abs}\xA0B`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = abs;
  let unit = "B";
  for (const next of units) {
    if (value < 1e3) break;
    value /= 1e3;
    unit = next;
  }
  const digits = value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
  return `${sign}${digits.replace(/\.0+$/, "")}\xA0${unit}`;
}
function formatDuration(ms) {
  const abs = Math.abs(ms);
  const sign = ms < 0 ? "\u2212" : "";
  if (abs < 1) return `${sign}${abs.toFixed(3).replace(/0+$/, "").replace(/\.$/, "")}\xA0ms`;
  if (Math.round(abs) < 1e3)
    return `${sign}${abs < 10 ? abs.toFixed(2).replace(/\.?0+$/, "") : abs.toFixed(0)}\xA0ms`;
  const tenths = Math.round(abs / 100);
  if (tenths < 600) return `${sign}${(tenths / 10).toFixed(1)}\xA0s`;
  const seconds = Math.round(abs / 1e3);
  return `${sign}${Math.floor(seconds / 60)}m\xA0${String(seconds % 60).padStart(2, "0")}s`;
}
function formatValue(metric, value) {
  if (value === null || value === void 0) return "\u2014";
  switch (unitOf(metric)) {
    case "bytes":
      return formatBytes(value);
    case "ms":
      return formatDuration(value);
    default:
      return formatNumber(value);
  }
}
function formatDelta(metric, delta) {
  if (delta === null || delta === void 0) return "\u2014";
  if (delta === 0) return "0";
  const body = formatValue(metric, Math.abs(delta));
  return `${delta > 0 ? "+" : "\u2212"}${body}`;
}
function formatPct(pct) {
  if (pct === null || pct === void 0) return "\u2014";
  if (pct === 0) return "0%";
  const abs = Math.abs(pct);
  const body = abs >= 100 ? abs.toFixed(0) : abs >= 10 ? abs.toFixed(1) : abs.toFixed(2);
  return `${pct > 0 ? "+" : "\u2212"}${body}%`;
}
function formatP(p) {
  if (p < 1e-4) return "< 0.0001";
  return p.toPrecision(2);
}

export {
  unitOf,
  formatNumber,
  formatBytes,
  formatDuration,
  formatValue,
  formatDelta,
  formatPct,
  formatP
};
//# sourceMappingURL=chunk-XVQGURII.js.map
