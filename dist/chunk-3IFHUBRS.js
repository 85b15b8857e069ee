import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  YamlSource
} from "./chunk-G5DQXXPB.js";

// core/pipeline/files.ts
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
var DEFAULT_PARAMS_FILE = "params.yaml";
function paramsReader(root, overrides) {
  const cache = new Map(overrides);
  return (file) => {
    if (cache.has(file)) return cache.get(file);
    const path = join(root, file);
    let data;
    if (existsSync(path)) {
      const source = YamlSource.parse(readFileSync(path, "utf8"), file, "E_PARAMS");
      data = source.data ?? {};
    }
    cache.set(file, data);
    return data;
  };
}

// core/pipeline/interpolate.ts
var PATTERN = /(\\)?\$\{\s*([^}]*?)\s*\}/g;
var InterpolationError = class extends Error {
  constructor(message, expression) {
    super(message);
    this.expression = expression;
  }
  expression;
};
function lookup(context, expression) {
  let current = context;
  for (const part of expression.split(".")) {
    if (current === null || typeof current !== "object") return { found: false, value: void 0 };
    const key = Array.isArray(current) && /^\d+$/.test(part) ? Number(part) : part;
    if (!Object.hasOwn(current, key)) return { found: false, value: void 0 };
    current = current[key];
  }
  return { found: true, value: current };
}
function format(value, expression) {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null) return "null";
  throw new InterpolationError(
    `\${${expression}} is a ${Array.isArray(value) ? "list" : "mapping"} and cannot be put inside a string`,
    expression
  );
}
function interpolateString(text, context) {
  if (!text.includes("${")) return text;
  const whole = /^\$\{\s*([^}]*?)\s*\}$/.exec(text);
  if (whole) return evaluate(whole[1] ?? "", context, false);
  return text.replace(PATTERN, (_match, escaped, expression) => {
    if (escaped) return `\${${expression}}`;
    return evaluate(expression, context, true);
  });
}
function evaluate(expression, context, inString) {
  const bar = expression.indexOf("|");
  if (bar === -1) {
    const value2 = resolve(expression, context);
    return inString ? format(value2, expression) : value2;
  }
  const name = expression.slice(0, bar).trim();
  const filter = expression.slice(bar + 1).trim();
  if (filter !== "q") {
    throw new InterpolationError(
      `\${${expression}}: unknown filter '${filter}' (the one filter is q, which shell-quotes the value: \${${name}|q})`,
      expression
    );
  }
  const value = resolve(name, context);
  if (Array.isArray(value)) return value.map((item) => shellQuote(format(item, name))).join(" ");
  return shellQuote(format(value, name));
}
function shellQuote(text) {
  return `'${text.replaceAll("'", "'\\''")}'`;
}
function resolve(expression, context) {
  if (!/^[A-Za-z_][\w-]*(\.[\w-]+)*$/.test(expression)) {
    throw new InterpolationError(
      `\${${expression}} is not a valid reference (use \${name} or \${name.key})`,
      expression
    );
  }
  const { found, value } = lookup(context, expression);
  if (!found) {
    const known = Object.keys(context).slice(0, 8);
    throw new InterpolationError(
      `\${${expression}} is not defined${known.length > 0 ? ` (known: ${known.join(", ")})` : ""}`,
      expression
    );
  }
  return value;
}
function interpolateDeep(value, context, path, onError) {
  if (typeof value === "string") {
    try {
      return interpolateString(value, context);
    } catch (error) {
      if (error instanceof InterpolationError) onError(path, error);
      throw error;
    }
  }
  if (Array.isArray(value))
    return value.map((item, i) => interpolateDeep(item, context, [...path, i], onError));
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const key = String(interpolateDeep(k, context, [...path, k], onError));
      out[key] = interpolateDeep(v, context, [...path, k], onError);
    }
    return out;
  }
  return value;
}

export {
  DEFAULT_PARAMS_FILE,
  paramsReader,
  lookup,
  interpolateDeep
};
//# sourceMappingURL=chunk-3IFHUBRS.js.map
