import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";

// core/yaml/limits.ts
var PARSE_LIMITS = {
  bytes: 8 * 1024 * 1024,
  depth: 64,
  values: 1e6,
  chars: 64 * 1024 * 1024
};
function checkText(text, file, code, limits = PARSE_LIMITS) {
  if (text.length > limits.bytes) {
    throw new Cd4mlError(
      code,
      `the file is ${text.length.toLocaleString("en-US")} characters, over the limit of ${limits.bytes.toLocaleString("en-US")}`,
      { location: { file }, hint: "is this the right file? Configuration files are small" }
    );
  }
  const bad = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/.exec(text);
  if (bad) {
    throw new Cd4mlError(
      code,
      `not a UTF-8 text file (${bad[0] === "\uFFFD" ? "invalid UTF-8" : `control character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`} here)`,
      {
        location: positionAt(text, bad.index, file),
        hint: "is it a binary file? Point cd4ml at a YAML or JSON text file"
      }
    );
  }
}
function positionAt(text, offset, file) {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { file, line, column: offset - lineStart + 1 };
}
function findBreach(data, limits = PARSE_LIMITS) {
  let values = 0;
  let chars = 0;
  let shared = false;
  const seen = /* @__PURE__ */ new WeakSet();
  const stack = [{ value: data, depth: 0, parent: void 0, key: void 0 }];
  while (stack.length > 0) {
    const frame = stack.pop();
    const { value } = frame;
    if (typeof value === "string") {
      chars += value.length;
      if (chars > limits.chars) return breach("chars", frame, shared, limits);
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    if (seen.has(value)) shared = true;
    else seen.add(value);
    if (frame.depth >= limits.depth) {
      return {
        message: `nesting is deeper than ${limits.depth} levels`,
        hint: "flatten the structure; configuration never needs to nest this deep",
        path: pathOf(frame)
      };
    }
    const depth = frame.depth + 1;
    if (Array.isArray(value)) {
      values += value.length;
      if (values > limits.values) return breach("values", frame, shared, limits);
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], depth, parent: frame, key: i });
    } else {
      const keys = Object.keys(value);
      values += keys.length;
      if (values > limits.values) return breach("values", frame, shared, limits);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i];
        chars += key.length;
        stack.push({
          value: value[key],
          depth,
          parent: frame,
          key
        });
      }
      if (chars > limits.chars) return breach("chars", frame, shared, limits);
    }
  }
  return void 0;
}
function breach(what, frame, shared, limits) {
  const limit = (what === "values" ? limits.values : limits.chars).toLocaleString("en-US");
  const amount = what === "values" ? `${limit} values` : `${limit} characters`;
  return shared ? {
    message: `expands to more than ${amount}: YAML aliases (*name) repeat the same content over and over`,
    hint: 'a few aliases of small anchors are fine; this looks like an alias bomb ("billion laughs")',
    path: pathOf(frame)
  } : {
    message: `holds more than ${amount}`,
    hint: "is this the right file? Configuration files are small",
    path: pathOf(frame)
  };
}
function pathOf(frame) {
  const path = [];
  for (let f = frame; f?.key !== void 0; f = f.parent) path.push(f.key);
  return path.reverse();
}
function parseJson(text, file, code, limits = PARSE_LIMITS) {
  checkText(text, file, code, limits);
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error.message;
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : void 0;
    const what = /^(Unexpected (?:token|end of JSON input|non-whitespace character)|Expected [^,(]+|Bad control character|Unterminated string)/.exec(
      message
    )?.[1];
    throw new Cd4mlError(code, `invalid JSON${what ? `: ${what}` : ""}`, {
      location: offset === void 0 ? { file } : positionAt(text, offset, file)
    });
  }
  const found = findBreach(data, limits);
  if (found) {
    throw new Cd4mlError(code, found.message, {
      location: { file, field: formatPath(found.path) || void 0 },
      hint: found.hint
    });
  }
  return data;
}
function formatPath(path) {
  return path.map((part, i) => typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`).join("");
}

export {
  PARSE_LIMITS,
  checkText,
  findBreach,
  parseJson,
  formatPath
};
//# sourceMappingURL=chunk-GLCB3FVJ.js.map
