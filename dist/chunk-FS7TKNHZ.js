import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  YamlSource
} from "./chunk-MD63NX4Y.js";
import {
  DEFAULT_SCHEMA,
  Type,
  types
} from "./chunk-AMI25YWR.js";
import {
  PARSE_LIMITS
} from "./chunk-YNU33C6K.js";

// core/pipeline/python.ts
var PyFloat = class {
  constructor(value) {
    this.value = value;
  }
  value;
  toString() {
    return pyFloatRepr(this.value);
  }
  toJSON() {
    return this.value;
  }
  valueOf() {
    return this.value;
  }
};
var float = types.float;
var PYTHON_YAML_SCHEMA = DEFAULT_SCHEMA.extend({
  implicit: [
    new Type("tag:yaml.org,2002:float", {
      kind: "scalar",
      resolve: (data) => float.resolve(data),
      construct: (data) => {
        const value = float.construct(data);
        return Number.isInteger(value) ? new PyFloat(value) : value;
      },
      predicate: (data) => data instanceof PyFloat || float.predicate(data),
      represent: float.represent,
      defaultStyle: float.defaultStyle
    })
  ]
});
function pyFloatRepr(n) {
  if (Number.isNaN(n)) return "nan";
  if (!Number.isFinite(n)) return n > 0 ? "inf" : "-inf";
  const [mantissa = "0", expText = "0"] = n.toExponential().split("e");
  const exp = Number(expText);
  if (exp < -4 || exp >= 16)
    return `${mantissa}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  const sign = n < 0 ? "-" : "";
  const digits = mantissa.replace("-", "").replace(".", "");
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  return digits.length > exp + 1 ? `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}` : `${sign}${digits.padEnd(exp + 1, "0")}.0`;
}
function pyStr(value) {
  if (value instanceof PyFloat) return value.toString();
  if (typeof value === "number")
    return Number.isInteger(value) ? String(value) : pyFloatRepr(value);
  if (value === null || value === void 0) return "None";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  return JSON.stringify(value);
}
function unbox(value) {
  if (value instanceof PyFloat) return value.value;
  if (Array.isArray(value)) return value.map(unbox);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unbox(v)]));
  return value;
}
function isScalarValue(value) {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof PyFloat;
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
function format(value, expression, unpack) {
  if (typeof value === "string") return value;
  if (isScalarValue(value) || value === null) return pyStr(value);
  if (unpack && !Array.isArray(value)) return unpackDict(value);
  throw new InterpolationError(
    `\${${expression}} is a ${Array.isArray(value) ? "list" : "mapping"} and cannot be put inside a string${Array.isArray(value) ? "" : " (a mapping unpacks into flags only in cmd)"}`,
    expression
  );
}
function unpackDict(dict) {
  const words = [];
  for (const [key, value] of flattenDotted(dict)) {
    if (typeof value === "boolean") {
      if (value) words.push(`--${key}`);
    } else if (typeof value === "string") words.push(`--${key} ${pyQuote(value)}`);
    else if (Array.isArray(value)) {
      const items = value.map((item) => {
        if (Array.isArray(item) || item !== null && typeof item === "object" && !isScalarValue(item))
          throw new InterpolationError(
            `cannot interpolate a nested list or mapping in '${key}'`,
            key
          );
        return typeof item === "string" ? pyQuote(item) : pyStr(item);
      });
      words.push(items.length > 0 ? `--${key} ${items.join(" ")}` : "");
    } else words.push(`--${key} ${pyStr(value)}`);
  }
  return words.filter(Boolean).join(" ");
}
function flattenDotted(dict, prefix = "") {
  return Object.entries(dict).flatMap(([key, value]) => {
    const name = prefix ? `${prefix}.${key}` : key;
    return value !== null && typeof value === "object" && !Array.isArray(value) && !isScalarValue(value) ? flattenDotted(value, name) : [[name, value]];
  });
}
function pyQuote(text) {
  if (text === "") return "''";
  return /[^\w@%+=:,./-]/.test(text) ? `'${text.replaceAll("'", `'"'"'`)}'` : text;
}
function interpolateString(text, context, unpack = false) {
  if (!text.includes("${")) return text;
  const whole = /^\$\{\s*([^}]*?)\s*\}$/.exec(text);
  if (whole) return evaluate(whole[1] ?? "", context, false, unpack);
  return text.replace(PATTERN, (_match, escaped, expression) => {
    if (escaped) return `\${${expression}}`;
    return evaluate(expression, context, true, unpack);
  });
}
function evaluate(expression, context, inString, unpack) {
  const bar = expression.indexOf("|");
  if (bar === -1) {
    const value2 = resolve(expression, context);
    return inString ? format(value2, expression, unpack) : value2;
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
  if (Array.isArray(value))
    return value.map((item) => shellQuote(format(item, name, false))).join(" ");
  return shellQuote(format(value, name, false));
}
function shellQuote(text) {
  return `'${text.replaceAll("'", "'\\''")}'`;
}
function resolve(expression, context) {
  if (!/^[^.[\]\s]+(\.[^.[\]]+|\[[^.[\]]+\])*$/.test(expression)) {
    throw new InterpolationError(
      `\${${expression}} is not a valid reference (use \${name}, \${name.key}, \${name[key]} or \${list[0]})`,
      expression
    );
  }
  const key = expression.replaceAll("[", ".").replaceAll("]", "");
  const { found, value } = lookup(context, key);
  if (!found) {
    const known = Object.keys(context).slice(0, 8);
    throw new InterpolationError(
      `\${${expression}} is not defined${known.length > 0 ? ` (known: ${known.join(", ")})` : ""}`,
      expression
    );
  }
  return value;
}
function interpolateDeep(value, context, path, onError, unpack = false) {
  if (typeof value === "string") {
    try {
      return interpolateString(value, context, unpack);
    } catch (error) {
      if (error instanceof InterpolationError) onError(path, error);
      throw error;
    }
  }
  if (Array.isArray(value))
    return value.map((item, i) => interpolateDeep(item, context, [...path, i], onError, unpack));
  if (value !== null && typeof value === "object" && !(value instanceof PyFloat)) {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const key = String(interpolateDeep(k, context, [...path, k], onError));
      out[key] = interpolateDeep(v, context, [...path, k], onError, unpack);
    }
    return out;
  }
  return value;
}

// core/pipeline/files.ts
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
var DEFAULT_PARAMS_FILE = "params.yaml";
function paramsReader(root, overrides, schema) {
  const cache = new Map(overrides);
  return (file) => {
    if (cache.has(file)) return cache.get(file);
    const path = join(root, file);
    let data;
    if (existsSync(path)) {
      const source = YamlSource.parse(
        readFileSync(path, "utf8"),
        file,
        "E_PARAMS",
        PARSE_LIMITS,
        schema
      );
      data = source.data ?? {};
    }
    cache.set(file, data);
    return data;
  };
}

export {
  PyFloat,
  PYTHON_YAML_SCHEMA,
  pyStr,
  unbox,
  InterpolationError,
  lookup,
  interpolateString,
  interpolateDeep,
  DEFAULT_PARAMS_FILE,
  paramsReader
};
//# sourceMappingURL=chunk-FS7TKNHZ.js.map
