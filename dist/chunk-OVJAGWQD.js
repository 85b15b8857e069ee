import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  readTextIfPresent
} from "./chunk-FDRDYCY3.js";
import {
  YamlSource
} from "./chunk-P4FB7NFE.js";
import {
  DEFAULT_SCHEMA,
  Type,
  types
} from "./chunk-AMI25YWR.js";
import {
  PARSE_LIMITS
} from "./chunk-GLCB3FVJ.js";
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";
import {
  __commonJS,
  __toESM
} from "./chunk-WARPCWE3.js";

// node_modules/ini/lib/ini.js
var require_ini = __commonJS({
  "node_modules/ini/lib/ini.js"(exports, module) {
    var { hasOwnProperty } = Object.prototype;
    var encode = (obj, opt = {}) => {
      if (typeof opt === "string") {
        opt = { section: opt };
      }
      opt.align = opt.align === true;
      opt.newline = opt.newline === true;
      opt.sort = opt.sort === true;
      opt.whitespace = opt.whitespace === true || opt.align === true;
      opt.platform = opt.platform || typeof process !== "undefined" && process.platform;
      opt.bracketedArray = opt.bracketedArray !== false;
      const eol = opt.platform === "win32" ? "\r\n" : "\n";
      const separator = opt.whitespace ? " = " : "=";
      const children = [];
      const keys = opt.sort ? Object.keys(obj).sort() : Object.keys(obj);
      let padToChars = 0;
      if (opt.align) {
        padToChars = safe(
          keys.filter((k) => obj[k] === null || Array.isArray(obj[k]) || typeof obj[k] !== "object").map((k) => Array.isArray(obj[k]) ? `${k}[]` : k).concat([""]).reduce((a, b) => safe(a).length >= safe(b).length ? a : b)
        ).length;
      }
      let out = "";
      const arraySuffix = opt.bracketedArray ? "[]" : "";
      for (const k of keys) {
        const val = obj[k];
        if (val && Array.isArray(val)) {
          for (const item of val) {
            out += safe(`${k}${arraySuffix}`).padEnd(padToChars, " ") + separator + safe(item) + eol;
          }
        } else if (val && typeof val === "object") {
          children.push(k);
        } else {
          out += safe(k).padEnd(padToChars, " ") + separator + safe(val) + eol;
        }
      }
      if (opt.section && out.length) {
        out = "[" + safe(opt.section) + "]" + (opt.newline ? eol + eol : eol) + out;
      }
      for (const k of children) {
        const nk = splitSections(k, ".").join("\\.");
        const section = (opt.section ? opt.section + "." : "") + nk;
        const child = encode(obj[k], {
          ...opt,
          section
        });
        if (out.length && child.length) {
          out += eol;
        }
        out += child;
      }
      return out;
    };
    function splitSections(str, separator) {
      var lastMatchIndex = 0;
      var lastSeparatorIndex = 0;
      var nextIndex = 0;
      var sections = [];
      do {
        nextIndex = str.indexOf(separator, lastMatchIndex);
        if (nextIndex !== -1) {
          lastMatchIndex = nextIndex + separator.length;
          if (nextIndex > 0 && str[nextIndex - 1] === "\\") {
            continue;
          }
          sections.push(str.slice(lastSeparatorIndex, nextIndex));
          lastSeparatorIndex = nextIndex + separator.length;
        }
      } while (nextIndex !== -1);
      sections.push(str.slice(lastSeparatorIndex));
      return sections;
    }
    var decode = (str, opt = {}) => {
      opt.bracketedArray = opt.bracketedArray !== false;
      const out = /* @__PURE__ */ Object.create(null);
      let p = out;
      let section = null;
      const re = /^\[([^\]]*)\]\s*$|^([^=]+)(=(.*))?$/i;
      const lines = str.split(/[\r\n]+/g);
      const duplicates = {};
      for (const line of lines) {
        if (!line || line.match(/^\s*[;#]/) || line.match(/^\s*$/)) {
          continue;
        }
        const match = line.match(re);
        if (!match) {
          continue;
        }
        if (match[1] !== void 0) {
          section = unsafe(match[1]);
          if (section === "__proto__") {
            p = /* @__PURE__ */ Object.create(null);
            continue;
          }
          p = out[section] = out[section] || /* @__PURE__ */ Object.create(null);
          continue;
        }
        const keyRaw = unsafe(match[2]);
        let isArray;
        if (opt.bracketedArray) {
          isArray = keyRaw.length > 2 && keyRaw.slice(-2) === "[]";
        } else {
          duplicates[keyRaw] = (duplicates?.[keyRaw] || 0) + 1;
          isArray = duplicates[keyRaw] > 1;
        }
        const key = isArray && keyRaw.endsWith("[]") ? keyRaw.slice(0, -2) : keyRaw;
        if (key === "__proto__") {
          continue;
        }
        const valueRaw = match[3] ? unsafe(match[4]) : true;
        const value = valueRaw === "true" || valueRaw === "false" || valueRaw === "null" ? JSON.parse(valueRaw) : valueRaw;
        if (isArray) {
          if (!hasOwnProperty.call(p, key)) {
            p[key] = [];
          } else if (!Array.isArray(p[key])) {
            p[key] = [p[key]];
          }
        }
        if (Array.isArray(p[key])) {
          p[key].push(value);
        } else {
          p[key] = value;
        }
      }
      const remove = [];
      for (const k of Object.keys(out)) {
        if (!hasOwnProperty.call(out, k) || typeof out[k] !== "object" || Array.isArray(out[k])) {
          continue;
        }
        const parts = splitSections(k, ".");
        p = out;
        const l = parts.pop();
        const nl = l.replace(/\\\./g, ".");
        for (const part of parts) {
          if (part === "__proto__") {
            continue;
          }
          if (!hasOwnProperty.call(p, part) || typeof p[part] !== "object") {
            p[part] = /* @__PURE__ */ Object.create(null);
          }
          p = p[part];
        }
        if (p === out && nl === l) {
          continue;
        }
        p[nl] = out[k];
        remove.push(k);
      }
      for (const del of remove) {
        delete out[del];
      }
      return out;
    };
    var isQuoted = (val) => {
      return val.startsWith('"') && val.endsWith('"') || val.startsWith("'") && val.endsWith("'");
    };
    var safe = (val) => {
      if (typeof val !== "string" || val.match(/[=\r\n]/) || val.match(/^\[/) || val.length > 1 && isQuoted(val) || val !== val.trim()) {
        return JSON.stringify(val);
      }
      return val.split(";").join("\\;").split("#").join("\\#");
    };
    var unsafe = (val) => {
      val = (val || "").trim();
      if (isQuoted(val)) {
        if (val.charAt(0) === "'") {
          val = val.slice(1, -1);
        }
        try {
          val = JSON.parse(val);
        } catch {
        }
      } else {
        let esc = false;
        let unesc = "";
        for (let i = 0, l = val.length; i < l; i++) {
          const c = val.charAt(i);
          if (esc) {
            if ("\\;#".indexOf(c) !== -1) {
              unesc += c;
            } else {
              unesc += "\\" + c;
            }
            esc = false;
          } else if (";#".indexOf(c) !== -1) {
            break;
          } else if (c === "\\") {
            esc = true;
          } else {
            unesc += c;
          }
        }
        if (esc) {
          unesc += "\\";
        }
        return unesc.trim();
      }
      return val;
    };
    module.exports = {
      parse: decode,
      decode,
      stringify: encode,
      encode,
      safe,
      unsafe
    };
  }
});

// core/pipeline/dvc-config.ts
var import_ini = __toESM(require_ini(), 1);
import { join, relative } from "node:path";
var DEFAULT_PARSING = { bool: "store_true", list: "nargs" };
var DVC_CONFIG_FILES = [".dvc/config", ".dvc/config.local"];
var CHOICES = {
  bool: ["store_true", "boolean_optional"],
  list: ["nargs", "append"]
};
function readDvcParsing(root) {
  const parsing = { ...DEFAULT_PARSING };
  for (const file of DVC_CONFIG_FILES) {
    const text = readTextIfPresent(join(root, file));
    if (text === void 0) continue;
    const where = relative(process.cwd(), join(root, file));
    const section = (0, import_ini.parse)(text).parsing;
    if (section === void 0 || typeof section !== "object" || section === null) continue;
    for (const [key, raw] of Object.entries(section)) {
      const line = lineOf(text, key);
      if (!(key in CHOICES))
        throw new Cd4mlError("E_SPEC", `unknown option 'parsing.${key}'`, {
          location: { file: where, line },
          hint: "DVC's parsing section has `bool` and `list`"
        });
      const choices = CHOICES[key];
      const value = String(raw).toLowerCase();
      if (!choices.includes(value))
        throw new Cd4mlError("E_SPEC", `parsing.${key} is '${String(raw)}'`, {
          location: { file: where, line },
          hint: `use one of: ${choices.join(", ")}`
        });
      Object.assign(parsing, { [key]: value });
    }
  }
  return parsing;
}
function lineOf(text, key) {
  const lines = text.split(/\r?\n/);
  let inParsing = false;
  for (const [i, line] of lines.entries()) {
    const header = /^\s*\[\s*['"]?([^\]'"]+)['"]?\s*\]/.exec(line);
    if (header) inParsing = header[1]?.trim() === "parsing";
    else if (inParsing && new RegExp(`^\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*=`).test(line))
      return i + 1;
  }
  return void 0;
}

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
  if (unpack && !Array.isArray(value))
    return unpackDict(value, unpack === true ? DEFAULT_PARSING : unpack);
  throw new InterpolationError(
    `\${${expression}} is a ${Array.isArray(value) ? "list" : "mapping"} and cannot be put inside a string${Array.isArray(value) ? "" : " (a mapping unpacks into flags only in cmd)"}`,
    expression
  );
}
function unpackDict(dict, parsing) {
  const words = [];
  for (const [key, value] of flattenDotted(dict)) {
    if (typeof value === "boolean") {
      if (value) words.push(`--${key}`);
      else if (parsing.bool === "boolean_optional") words.push(`--no-${key}`);
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
      if (parsing.list === "append") words.push(...items.map((item) => `--${key} ${item}`));
      else words.push(items.length > 0 ? `--${key} ${items.join(" ")}` : "");
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
import { join as join2 } from "node:path";
var DEFAULT_PARAMS_FILE = "params.yaml";
function paramsReader(root, overrides, schema) {
  const cache = new Map(overrides);
  return (file) => {
    if (cache.has(file)) return cache.get(file);
    const path = join2(root, file);
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
  DVC_CONFIG_FILES,
  readDvcParsing,
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
//# sourceMappingURL=chunk-OVJAGWQD.js.map
