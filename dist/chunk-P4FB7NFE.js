import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  YAMLException,
  load
} from "./chunk-AMI25YWR.js";
import {
  PARSE_LIMITS,
  checkText,
  findBreach,
  formatPath
} from "./chunk-GLCB3FVJ.js";
import {
  Cd4mlAggregateError,
  Cd4mlError
} from "./chunk-VA77YMJ5.js";
import {
  __commonJS,
  __toESM
} from "./chunk-WARPCWE3.js";

// node_modules/fastest-levenshtein/mod.js
var require_mod = __commonJS({
  "node_modules/fastest-levenshtein/mod.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.distance = exports.closest = void 0;
    var peq = new Uint32Array(65536);
    var myers_32 = function(a, b) {
      var n = a.length;
      var m = b.length;
      var lst = 1 << n - 1;
      var pv = -1;
      var mv = 0;
      var sc = n;
      var i = n;
      while (i--) {
        peq[a.charCodeAt(i)] |= 1 << i;
      }
      for (i = 0; i < m; i++) {
        var eq = peq[b.charCodeAt(i)];
        var xv = eq | mv;
        eq |= (eq & pv) + pv ^ pv;
        mv |= ~(eq | pv);
        pv &= eq;
        if (mv & lst) {
          sc++;
        }
        if (pv & lst) {
          sc--;
        }
        mv = mv << 1 | 1;
        pv = pv << 1 | ~(xv | mv);
        mv &= xv;
      }
      i = n;
      while (i--) {
        peq[a.charCodeAt(i)] = 0;
      }
      return sc;
    };
    var myers_x = function(b, a) {
      var n = a.length;
      var m = b.length;
      var mhc = [];
      var phc = [];
      var hsize = Math.ceil(n / 32);
      var vsize = Math.ceil(m / 32);
      for (var i = 0; i < hsize; i++) {
        phc[i] = -1;
        mhc[i] = 0;
      }
      var j = 0;
      for (; j < vsize - 1; j++) {
        var mv_1 = 0;
        var pv_1 = -1;
        var start_1 = j * 32;
        var vlen_1 = Math.min(32, m) + start_1;
        for (var k = start_1; k < vlen_1; k++) {
          peq[b.charCodeAt(k)] |= 1 << k;
        }
        for (var i = 0; i < n; i++) {
          var eq = peq[a.charCodeAt(i)];
          var pb = phc[i / 32 | 0] >>> i & 1;
          var mb = mhc[i / 32 | 0] >>> i & 1;
          var xv = eq | mv_1;
          var xh = ((eq | mb) & pv_1) + pv_1 ^ pv_1 | eq | mb;
          var ph = mv_1 | ~(xh | pv_1);
          var mh = pv_1 & xh;
          if (ph >>> 31 ^ pb) {
            phc[i / 32 | 0] ^= 1 << i;
          }
          if (mh >>> 31 ^ mb) {
            mhc[i / 32 | 0] ^= 1 << i;
          }
          ph = ph << 1 | pb;
          mh = mh << 1 | mb;
          pv_1 = mh | ~(xv | ph);
          mv_1 = ph & xv;
        }
        for (var k = start_1; k < vlen_1; k++) {
          peq[b.charCodeAt(k)] = 0;
        }
      }
      var mv = 0;
      var pv = -1;
      var start = j * 32;
      var vlen = Math.min(32, m - start) + start;
      for (var k = start; k < vlen; k++) {
        peq[b.charCodeAt(k)] |= 1 << k;
      }
      var score = m;
      for (var i = 0; i < n; i++) {
        var eq = peq[a.charCodeAt(i)];
        var pb = phc[i / 32 | 0] >>> i & 1;
        var mb = mhc[i / 32 | 0] >>> i & 1;
        var xv = eq | mv;
        var xh = ((eq | mb) & pv) + pv ^ pv | eq | mb;
        var ph = mv | ~(xh | pv);
        var mh = pv & xh;
        score += ph >>> m - 1 & 1;
        score -= mh >>> m - 1 & 1;
        if (ph >>> 31 ^ pb) {
          phc[i / 32 | 0] ^= 1 << i;
        }
        if (mh >>> 31 ^ mb) {
          mhc[i / 32 | 0] ^= 1 << i;
        }
        ph = ph << 1 | pb;
        mh = mh << 1 | mb;
        pv = mh | ~(xv | ph);
        mv = ph & xv;
      }
      for (var k = start; k < vlen; k++) {
        peq[b.charCodeAt(k)] = 0;
      }
      return score;
    };
    var distance2 = function(a, b) {
      if (a.length < b.length) {
        var tmp = b;
        b = a;
        a = tmp;
      }
      if (b.length === 0) {
        return a.length;
      }
      if (a.length <= 32) {
        return myers_32(a, b);
      }
      return myers_x(a, b);
    };
    exports.distance = distance2;
    var closest2 = function(str, arr) {
      var min_distance = Infinity;
      var min_index = 0;
      for (var i = 0; i < arr.length; i++) {
        var dist = distance2(str, arr[i]);
        if (dist < min_distance) {
          min_distance = dist;
          min_index = i;
        }
      }
      return arr[min_index];
    };
    exports.closest = closest2;
  }
});

// core/yaml/positions.ts
import { createRequire } from "node:module";

// core/yaml/quick-locate.ts
function quickLocate(text, path, opts = {}) {
  const lines = text.split("\n");
  let found2 = contentAt(lines, 0) ?? { line: 1, column: 1 };
  let start = 0;
  let parent = -1;
  let inline;
  for (const [index, part] of path.entries()) {
    const last = index === path.length - 1;
    let hit;
    if (inline && typeof part === "string" && keyOf(inline.rest)?.key === part) hit = inline;
    let child = inline ? inline.indent : -1;
    let item = 0;
    for (let l = start; !hit && l < lines.length; l++) {
      const line = lines[l];
      const rest = line.trimStart();
      if (rest === "" || rest.startsWith("#")) continue;
      const indent = line.length - rest.length;
      if (indent <= parent && !(indent === parent && rest.startsWith("-") && typeof part === "number"))
        break;
      if (child === -1) child = indent;
      if (indent !== child) continue;
      if (typeof part === "number") {
        if (rest === "-" || rest.startsWith("- ")) {
          if (item === part) hit = { line: l, indent, rest };
          item += 1;
        }
      } else if (keyOf(rest)?.key === part) {
        hit = { line: l, indent, rest };
      }
    }
    if (!hit) return found2;
    const after = typeof part === "number" ? hit.rest.slice(1) : hit.rest.slice(keyOf(hit.rest).length);
    const valueColumn = hit.indent + hit.rest.length - after.trimStart().length + 1;
    const inlineValue = after.trim() !== "" && !after.trim().startsWith("#");
    found2 = inlineValue ? { line: hit.line + 1, column: valueColumn } : contentAt(lines, hit.line + 1) ?? { line: hit.line + 1, column: hit.indent + 1 };
    if (last)
      return opts.key && typeof part === "string" ? { line: hit.line + 1, column: hit.indent + 1 } : found2;
    if (typeof part === "number" && inlineValue) {
      inline = { line: hit.line, indent: valueColumn - 1, rest: after.trimStart() };
      start = hit.line + 1;
      parent = hit.indent;
      continue;
    }
    if (inlineValue) return found2;
    inline = void 0;
    start = hit.line + 1;
    parent = hit.indent;
  }
  return found2;
}
function contentAt(lines, from) {
  for (let l = from; l < lines.length; l++) {
    const rest = lines[l].trimStart();
    if (rest !== "" && !rest.startsWith("#") && rest !== "---")
      return { line: l + 1, column: lines[l].length - rest.length + 1 };
  }
  return void 0;
}
function keyOf(rest) {
  const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\-?][^#]*?|-[^\s#][^#]*?)\s*:(?=\s|$)/.exec(rest);
  if (!m) return void 0;
  const raw = m[1];
  const key = raw.startsWith('"') ? unquote(raw) : raw.startsWith("'") ? raw.slice(1, -1).replaceAll("''", "'") : raw;
  return { key, length: m[0].length };
}
function unquote(raw) {
  try {
    return JSON.parse(raw);
  } catch {
    return raw.slice(1, -1);
  }
}

// core/yaml/positions.ts
var QUICK_LOCATE_CHARS = 64 * 1024;
var yamlLib;
function positionParser() {
  yamlLib ??= createRequire(import.meta.url)("yaml");
  return yamlLib;
}
var Positions = class {
  constructor(file, text) {
    this.file = file;
    this.text = text;
  }
  file;
  text;
  parse;
  parsed() {
    if (!this.parse) {
      const { LineCounter, parseDocument } = positionParser();
      const lines = new LineCounter();
      this.parse = {
        doc: parseDocument(this.text, { lineCounter: lines, uniqueKeys: false }),
        lines
      };
    }
    return this.parse;
  }
  /**
   * Where a field is: the deepest node on the path that exists. With `key: true`,
   * the position of the key itself (for "unknown key" errors).
   */
  locate(path, opts = {}) {
    if (this.text.length > QUICK_LOCATE_CHARS)
      return { file: this.file, ...quickLocate(this.text, path, opts) };
    const { doc, lines } = this.parsed();
    const { isMap, isSeq } = positionParser();
    let node = doc.contents;
    let offset = doc.contents?.range?.[0] ?? 0;
    for (const [index, part] of path.entries()) {
      const last = index === path.length - 1;
      if (isMap(node)) {
        const pair = this.pairsOf(node).get(String(part));
        if (!pair) break;
        const keyNode = pair.key;
        offset = (last && opts.key ? keyNode.range?.[0] : pair.value?.range?.[0] ?? keyNode.range?.[0]) ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof part === "number") {
        const item = node.items[part];
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else {
        break;
      }
    }
    const pos = lines.linePos(offset);
    return { file: this.file, line: pos.line, column: pos.col };
  }
  /** Key → pair of a mapping, built once per mapping: `locate` is called for every dep and out. */
  pairIndex = /* @__PURE__ */ new WeakMap();
  pairsOf(map) {
    let index = this.pairIndex.get(map);
    if (!index) {
      index = /* @__PURE__ */ new Map();
      const { isPair, isScalar } = positionParser();
      for (const item of map.items)
        if (isPair(item) && isScalar(item.key)) index.set(String(item.key.value), item);
      this.pairIndex.set(map, index);
    }
    return index;
  }
};

// core/yaml/suggest.ts
var import_fastest_levenshtein = __toESM(require_mod(), 1);
function keysAt(schema, path) {
  let current = schema;
  for (const part of path) {
    const def = defOf(unwrap(current));
    if (def?.type === "object" && def.shape) current = def.shape[String(part)];
    else if (def?.type === "record") current = def.valueType;
    else if (def?.type === "array") current = def.element;
    else return [];
  }
  return objectKeys(current);
}
function objectKeys(schema) {
  const def = defOf(unwrap(schema));
  if (def?.type === "object" && def.shape) return Object.keys(def.shape);
  if (def?.type === "union" && def.options) return [...new Set(def.options.flatMap(objectKeys))];
  return [];
}
function defOf(schema) {
  return schema?._zod?.def;
}
function unwrap(schema) {
  let current = schema;
  for (; ; ) {
    const def = defOf(current);
    if (def && ["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"].includes(
      def.type ?? ""
    ) && def.innerType)
      current = def.innerType;
    else if (def?.type === "pipe" && def.in) current = def.in;
    else return current;
  }
}
function suggest(key, candidates) {
  if (candidates.length === 0) return void 0;
  const best = (0, import_fastest_levenshtein.closest)(key, candidates);
  return (0, import_fastest_levenshtein.distance)(key, best) <= Math.max(2, Math.floor(key.length / 3)) ? best : void 0;
}

// core/yaml/source.ts
import { readFileSync } from "node:fs";

// core/yaml/syntax-errors.ts
function syntaxErrors(error, text, file, code, limits) {
  const at = { file, line: error.mark.line + 1, column: error.mark.column + 1 };
  if (/exceeded max/.test(error.reason)) {
    return new Cd4mlAggregateError([
      new Cd4mlError(
        code,
        /maxDepth/.test(error.reason) ? `nesting is deeper than ${limits.depth} levels` : `invalid YAML: ${error.reason}`,
        {
          location: at,
          hint: "flatten the structure; configuration never needs to nest this deep"
        }
      )
    ]);
  }
  if (error.reason === "duplicated mapping key") {
    return new Cd4mlAggregateError([
      new Cd4mlError(code, "invalid YAML: Map keys must be unique", {
        location: at,
        hint: "each key may appear once in a mapping: merge or rename the two"
      })
    ]);
  }
  const { LineCounter, parseDocument } = positionParser();
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    uniqueKeys: false,
    prettyErrors: false
  });
  const errors = doc.errors.map((e) => {
    const pos = lines.linePos(e.pos[0]);
    return new Cd4mlError(code, `invalid YAML: ${e.message.split("\n")[0] ?? ""}`, {
      location: { file, line: pos.line, column: pos.col }
    });
  });
  if (errors.length === 0) {
    errors.push(new Cd4mlError(code, `invalid YAML: ${error.reason}`, { location: at }));
  }
  return new Cd4mlAggregateError(errors);
}

// core/yaml/zod-issues.ts
var MAX_REPORTED = 20;
function clip(text, max = 60) {
  return text.length > max ? `${text.slice(0, max - 1)}\u2026` : text;
}
function listSome(items, max = 5) {
  const named = items.slice(0, max).map((item) => `'${clip(item)}'`).join(", ");
  return items.length > max ? `${named} and ${(items.length - max).toLocaleString("en-US")} more` : named;
}
function unknownInEveryOption(issue) {
  const perOption = issue.errors.map(
    (inner) => inner.flatMap((i) => i.code === "unrecognized_keys" && i.path.length === 0 ? i.keys : [])
  );
  if (perOption.length === 0 || perOption.some((keys) => keys.length === 0)) return [];
  return perOption[0].filter((key) => perOption.every((keys) => keys.includes(key)));
}
function explain(issue, value) {
  const custom = !issue.message.startsWith("Invalid input");
  if (issue.code === "invalid_union") {
    const detail = issue.errors.flat().find((inner) => inner.code === "custom" || inner.code === "invalid_format");
    if (detail) return { path: [], message: detail.message };
    const deeper = issue.errors.find(
      (inner) => inner.length > 0 && inner.every((i) => i.path.length > 0)
    )?.[0];
    if (deeper) {
      const below = deeper.path;
      const inner = explain(deeper, valueAt(value, below));
      return { path: [...below, ...inner.path], message: inner.message };
    }
    const expected = issue.errors.flat().flatMap((inner) => inner.code === "invalid_type" ? [typeName(inner.expected)] : []);
    if (expected.length > 0)
      return {
        path: [],
        message: `must be ${orList([...new Set(expected)])}, not ${found(value)}`
      };
  }
  if (issue.code === "invalid_type" && !custom)
    return { path: [], message: `must be ${typeName(issue.expected)}, not ${found(value)}` };
  if ((issue.code === "too_small" || issue.code === "too_big") && /^Too (small|big)/.test(issue.message))
    return { path: [], message: bound(issue, value) };
  if (issue.code === "invalid_value")
    return {
      path: [],
      message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`
    };
  if (!custom) return { path: [], message: `is not valid here (found ${found(value)})` };
  return { path: [], message: issue.message };
}
function bound(issue, value) {
  const small = issue.code === "too_small";
  const limit = issue.code === "too_small" ? issue.minimum : issue.maximum;
  const n = Number(limit);
  switch (issue.origin) {
    case "array":
    case "set":
      return small ? `must list at least ${n} item${n === 1 ? "" : "s"}` : `must list at most ${n} item${n === 1 ? "" : "s"}`;
    case "string":
      return small && n === 1 ? "must not be empty" : `must be ${small ? "at least" : "at most"} ${n} characters long`;
    default: {
      const word = small ? issue.inclusive === false ? "greater than" : "at least" : issue.inclusive === false ? "less than" : "at most";
      return `must be ${word} ${String(limit)}, not ${found(value)}`;
    }
  }
}
function typeName(expected) {
  switch (expected) {
    case "array":
      return "a list";
    case "object":
    case "record":
    case "map":
      return "a mapping";
    case "boolean":
      return "true/false";
    case "int":
      return "an integer";
    case "null":
    case "undefined":
      return "empty";
    default:
      return `a ${expected}`;
  }
}
function found(value) {
  if (value === null || value === void 0) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the string '${clip(value, 30)}'`;
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return String(value);
  return typeof value;
}
function orList(items) {
  return items.length <= 1 ? items[0] ?? "" : `${items.slice(0, -1).join(", ")} or ${items.at(-1) ?? ""}`;
}
function valueAt(value, path) {
  let current = value;
  for (const part of path) {
    if (current === null || typeof current !== "object") return void 0;
    current = current[part];
  }
  return current;
}
function hasPath(value, path) {
  let current = value;
  for (const part of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, part))
      return false;
    current = current[part];
  }
  return true;
}

// core/yaml/validation-errors.ts
function validationErrors(schema, issues, value, path, fieldError) {
  const sorted = [...issues].sort(
    (a, b) => Number(b.code === "unrecognized_keys") - Number(a.code === "unrecognized_keys")
  );
  const shown = sorted.slice(0, MAX_REPORTED);
  const errors = shown.map((issue) => issueToError(schema, issue, value, path, fieldError));
  const suggested = new Set(
    errors.map((e) => /did you mean '([^']+)'/.exec(e.hint ?? "")?.[1]).filter(Boolean)
  );
  return new Cd4mlAggregateError(
    errors.filter(
      (e, i) => !(e.message.endsWith("is required") && suggested.has(String(shown[i]?.path.at(-1))))
    ),
    issues.length - shown.length
  );
}
function issueToError(schema, issue, value, base, fieldError) {
  const path = [...base, ...issue.path];
  const keys = issue.code === "unrecognized_keys" ? issue.keys : issue.code === "invalid_union" ? unknownInEveryOption(issue) : [];
  if (keys.length > 0) {
    const key = keys[0] ?? "";
    const known = keysAt(schema, issue.path);
    const suggestion = suggest(key, known);
    return fieldError(
      [...path, key],
      `unknown key '${clip(key)}'${keys.length > 1 ? ` (and ${listSome(keys.slice(1))})` : ""}`,
      suggestion ? `did you mean '${suggestion}'?` : known.length > 0 ? `valid keys: ${known.join(", ")}` : void 0,
      { key: true }
    );
  }
  if (issue.code === "invalid_key") {
    const key = String(issue.path.at(-1) ?? "");
    const why = issue.issues.map((inner) => inner.message).join("; ");
    return fieldError(path, `'${clip(key)}' is not a valid name: ${why}`, void 0, {
      key: true
    });
  }
  if (!hasPath(value, issue.path)) {
    return fieldError(path, "is required");
  }
  const explained = explain(issue, valueAt(value, issue.path));
  return fieldError([...path, ...explained.path], explained.message);
}

// core/yaml/source.ts
var YamlSource = class _YamlSource {
  constructor(file, text, data) {
    this.file = file;
    this.data = data;
    this.positions = new Positions(file, text);
  }
  file;
  data;
  positions;
  /**
   * Parses text within `limits` (size, nesting, and the size the value takes once its
   * aliases are expanded), so a hostile file fails fast instead of running the heap out.
   * YAML syntax errors (and duplicate keys) are thrown with their line.
   */
  static parse(text, file, code, limits = PARSE_LIMITS, schema) {
    checkText(text, file, code, limits);
    let data;
    try {
      data = load(text, {
        filename: file,
        maxDepth: limits.depth,
        ...schema ? { schema } : {}
      });
    } catch (error) {
      if (!(error instanceof YAMLException)) throw error;
      throw syntaxErrors(error, text, file, code, limits);
    }
    const source = new _YamlSource(file, text, data);
    const found2 = findBreach(data, limits);
    if (found2) throw source.error(code, found2.path, found2.message, found2.hint);
    return source;
  }
  /**
   * Where a field is: the deepest node on the path that exists. With `key: true`,
   * the position of the key itself (for "unknown key" errors).
   */
  locate(path, opts = {}) {
    return this.positions.locate(path, opts);
  }
  error(code, path, message, hint, opts = {}) {
    return new Cd4mlError(code, message, {
      location: { ...this.locate(path, opts), field: formatPath(path) },
      hint
    });
  }
  /**
   * Validates `value` (found at `path`) with a Zod schema and throws every issue at
   * once, each at its own line, with "did you mean" for unknown keys.
   */
  validate(schema, value, path, code) {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    throw validationErrors(
      schema,
      result.error.issues,
      value,
      path,
      (at, message, hint, opts) => this.error(code, at, message, hint, opts)
    );
  }
};
var pinpointed = /* @__PURE__ */ new Map();
function pinpoint(location, opts = {}) {
  if (location.line !== void 0 || !location.path) return location;
  if (!pinpointed.has(location.file)) {
    try {
      pinpointed.set(
        location.file,
        YamlSource.parse(readFileSync(location.file, "utf8"), location.file, "E_SPEC")
      );
    } catch {
      pinpointed.set(location.file, void 0);
    }
  }
  const source = pinpointed.get(location.file);
  return source ? { ...location, ...source.locate(location.path, opts), file: location.file } : location;
}

export {
  positionParser,
  suggest,
  clip,
  YamlSource,
  pinpoint
};
//# sourceMappingURL=chunk-P4FB7NFE.js.map
