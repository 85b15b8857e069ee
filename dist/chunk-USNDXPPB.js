import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";

// serving/http-error.ts
var HttpError = class extends Cd4mlError {
  status;
  constructor(status, message, code = "E_USAGE") {
    super(code, message);
    this.name = "HttpError";
    this.status = status;
  }
};
var BadRequest = class extends HttpError {
  constructor(message) {
    super(400, message);
    this.name = "BadRequest";
  }
};
var NotFound = class extends HttpError {
  constructor(message) {
    super(404, message, "E_MODEL");
    this.name = "NotFound";
  }
};
var Unavailable = class extends HttpError {
  constructor(message) {
    super(503, message, "E_MODEL");
    this.name = "Unavailable";
  }
};

// serving/context.ts
function begin(request, reply, protocol) {
  void reply.header("x-request-id", request.id);
  const info = { protocol, model: "", version: "" };
  request.serving = info;
  return info;
}
function requestedVersion(name, raw) {
  if (raw === void 0 || raw === "") return void 0;
  const v = parseVersion(raw);
  if (v === void 0)
    throw new NotFound(
      `model '${name}' has no version '${raw.slice(0, 32)}': versions are non-negative integers`
    );
  return v;
}
function parseVersion(raw) {
  if (raw === void 0 || !/^\d{1,15}$/.test(raw)) return void 0;
  return Number(raw);
}
function defaultModel(ctx) {
  if (ctx.defaultModel !== void 0) return ctx.defaultModel;
  const entries = ctx.models.entries();
  if (entries.length === 1) return entries[0].name;
  if (entries.length === 0) throw new Unavailable("no model is loaded yet");
  throw new BadRequest(
    `this endpoint serves one model, and the repository has ${entries.length} (${entries.map((e) => e.name).join(", ")}): start the server with --mlflow-model <name>`
  );
}

// serving/tensors.ts
var ELEMENT_TYPES = [
  "bool",
  "int8",
  "uint8",
  "int16",
  "uint16",
  "int32",
  "uint32",
  "int64",
  "uint64",
  "float16",
  "float32",
  "float64",
  "string"
];
function isElementType(t) {
  return ELEMENT_TYPES.includes(t);
}
var ARRAY_OF = {
  bool: Uint8Array,
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int64: BigInt64Array,
  uint64: BigUint64Array,
  float16: Uint16Array,
  float32: Float32Array,
  float64: Float64Array
};
function zeros(type, n) {
  return type === "string" ? new Array(n).fill("") : new ARRAY_OF[type](n);
}
function sameDims(a, b, byRow = false) {
  if (a.length !== b.length) return false;
  for (let i = byRow ? 1 : 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// serving/dtype-names.ts
var V2_BY_TYPE = {
  bool: "BOOL",
  int8: "INT8",
  uint8: "UINT8",
  int16: "INT16",
  uint16: "UINT16",
  int32: "INT32",
  uint32: "UINT32",
  int64: "INT64",
  uint64: "UINT64",
  float16: "FP16",
  float32: "FP32",
  float64: "FP64",
  string: "BYTES"
};
var TYPE_BY_V2 = new Map(Object.entries(V2_BY_TYPE).map(([k, v]) => [v, k]));
function v2TensorMeta(s) {
  return {
    name: s.name,
    datatype: toV2Datatype(s.type),
    shape: s.shape.map((d) => typeof d === "number" ? d : -1)
  };
}
function toV2Datatype(t) {
  return V2_BY_TYPE[t];
}
function fromV2Datatype(d) {
  return TYPE_BY_V2.get(d);
}
var TF_BY_TYPE = {
  bool: "DT_BOOL",
  int8: "DT_INT8",
  uint8: "DT_UINT8",
  int16: "DT_INT16",
  uint16: "DT_UINT16",
  int32: "DT_INT32",
  uint32: "DT_UINT32",
  int64: "DT_INT64",
  uint64: "DT_UINT64",
  float16: "DT_HALF",
  float32: "DT_FLOAT",
  float64: "DT_DOUBLE",
  string: "DT_STRING"
};
function toTfDtype(t) {
  return TF_BY_TYPE[t];
}

// serving/half-float.ts
var f32 = new Float32Array(1);
var u32 = new Uint32Array(f32.buffer);
function toHalfBits(value) {
  f32[0] = value;
  const x = u32[0];
  const sign = x >>> 16 & 32768;
  const exp = x >>> 23 & 255;
  let mant = x & 8388607;
  if (exp === 255) return sign | 31744 | (mant ? 512 : 0);
  const e = exp - 127 + 15;
  if (e >= 31) return sign | 31744;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 8388608;
    const shift = 14 - e;
    let half2 = mant >>> shift;
    const rem2 = mant & (1 << shift) - 1;
    const mid = 1 << shift - 1;
    if (rem2 > mid || rem2 === mid && half2 & 1) half2++;
    return sign | half2;
  }
  let half = e << 10 | mant >>> 13;
  const rem = mant & 8191;
  if (rem > 4096 || rem === 4096 && half & 1) half++;
  return sign | half;
}
function fromHalfBits(h) {
  const sign = h & 32768 ? -1 : 1;
  const exp = h >>> 10 & 31;
  const mant = h & 1023;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 31) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

// serving/tensor-checks.ts
var FLOAT32_MAX = 34028234663852886e22;
var FLOAT16_MAX = 65504;
var NUMBER_RANGES = {
  float32: [-FLOAT32_MAX, FLOAT32_MAX, false],
  float64: [-Number.MAX_VALUE, Number.MAX_VALUE, false],
  int8: [-128, 127, true],
  uint8: [0, 255, true],
  int16: [-32768, 32767, true],
  uint16: [0, 65535, true],
  int32: [-2147483648, 2147483647, true],
  uint32: [0, 4294967295, true]
};
var INT64_MIN = -(2n ** 63n);
var INT64_MAX = 2n ** 63n - 1n;
var UINT64_MAX = 2n ** 64n - 1n;
var DECIMAL = /^-?\d{1,20}$/;
var MAX_RANK = 32;
function describe(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string")
    return `the string ${JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}\u2026` : v)}`;
  if (typeof v === "number") return Number.isFinite(v) ? `the number ${v}` : `${v}`;
  return `a ${typeof v}`;
}
function shapeText(shape) {
  return `[${shape.map((d) => typeof d === "number" ? String(d) : -1).join(", ")}]`;
}
function flatten(input, value) {
  const shape = [];
  let probe = value;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (shape.length > MAX_RANK)
      throw new BadRequest(
        `input '${input}': nested more than ${MAX_RANK} levels deep; no model input has that many dimensions`
      );
    if (probe.length === 0) break;
    probe = probe[0];
  }
  if (shape.length === 0) return { shape, flat: [value] };
  const flat = [];
  const rank = shape.length;
  const walk = (v, depth) => {
    if (depth === rank) {
      if (Array.isArray(v)) return false;
      flat.push(v);
      return true;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) return false;
    for (let i = 0; i < v.length; i++) if (!walk(v[i], depth + 1)) return false;
    return true;
  };
  if (!walk(value, 0)) throw raggedError(input, value, shape);
  return { shape, flat };
}
function raggedError(input, value, shape) {
  const rank = shape.length;
  const find = (v, depth, path) => {
    if (depth === rank) {
      if (Array.isArray(v)) {
        return new BadRequest(
          `input '${input}': ragged array: element ${path} is an array but elements before it are scalars (shape ${shapeText(shape)})`
        );
      }
      return void 0;
    }
    if (!Array.isArray(v)) {
      return new BadRequest(
        `input '${input}': ragged array: expected an array of length ${shape[depth]} at ${path || "the top level"}, received ${describe(v)}`
      );
    }
    if (v.length !== shape[depth]) {
      return new BadRequest(
        `input '${input}': ragged array: expected length ${shape[depth]} at ${path || "the top level"}, received length ${v.length}`
      );
    }
    for (let i = 0; i < v.length; i++) {
      const e = find(v[i], depth + 1, `${path}[${i}]`);
      if (e) return e;
    }
    return void 0;
  };
  return find(value, 0, "") ?? new BadRequest(`input '${input}': ragged array`);
}
function checkShape(spec, dims) {
  if (!fitsSignature(spec, dims)) {
    throw new BadRequest(
      `input '${spec.name}': wrong shape: expected ${shapeText(spec.shape)} (-1 is any size), received [${dims.join(", ")}]`
    );
  }
}
function typeError(spec, index, v, what) {
  return new BadRequest(
    `input '${spec.name}': wrong dtype at element ${index}: expected ${what} (${spec.type}), received ${describe(v)}`
  );
}
function toTypedData(spec, flat) {
  switch (spec.type) {
    case "float32":
    case "float64":
    case "float16":
      return toFloats(spec, spec.type, flat);
    case "int8":
    case "uint8":
    case "int16":
    case "uint16":
    case "int32":
    case "uint32":
      return toSmallInts(spec, spec.type, flat);
    case "int64":
    case "uint64":
      return toBigInts(spec, spec.type, flat);
    case "bool":
      return toBools(spec, flat);
    case "string":
      return toStrings(spec, flat);
  }
}
function toFloats(spec, type, flat) {
  const n = flat.length;
  const max = type === "float16" ? FLOAT16_MAX : NUMBER_RANGES[type][1];
  const out = new ARRAY_OF[type](n);
  for (let i = 0; i < n; i++) {
    const v = flat[i];
    if (typeof v !== "number") throw typeError(spec, i, v, "a number");
    if (Number.isFinite(v) && Math.abs(v) > max) {
      throw new BadRequest(
        `input '${spec.name}': element ${i} is ${v}, outside the finite range of ${type}`
      );
    }
    out[i] = type === "float16" ? toHalfBits(v) : v;
  }
  return out;
}
function toSmallInts(spec, type, flat) {
  const n = flat.length;
  const [lo, hi] = NUMBER_RANGES[type];
  const out = new ARRAY_OF[type](n);
  for (let i = 0; i < n; i++) {
    const v = flat[i];
    if (typeof v !== "number" || !Number.isInteger(v)) throw typeError(spec, i, v, "an integer");
    if (v < lo || v > hi)
      throw new BadRequest(
        `input '${spec.name}': element ${i} is ${v}, outside the range of ${type} [${lo}, ${hi}]`
      );
    out[i] = v;
  }
  return out;
}
function toBigInts(spec, type, flat) {
  const n = flat.length;
  const out = type === "int64" ? new BigInt64Array(n) : new BigUint64Array(n);
  const [lo, hi] = type === "int64" ? [INT64_MIN, INT64_MAX] : [0n, UINT64_MAX];
  for (let i = 0; i < n; i++) {
    const v = flat[i];
    let b;
    if (typeof v === "number" && Number.isSafeInteger(v)) b = BigInt(v);
    else if (typeof v === "string" && DECIMAL.test(v)) b = BigInt(v);
    else if (typeof v === "number" && Number.isInteger(v)) {
      throw new BadRequest(
        `input '${spec.name}': element ${i} is ${v}, beyond 2^53 where JSON numbers are inexact; send it as a decimal string, e.g. "${BigInt(v)}"`
      );
    } else throw typeError(spec, i, v, "an integer");
    if (b < lo || b > hi)
      throw new BadRequest(
        `input '${spec.name}': element ${i} is ${b}, outside the range of ${type}`
      );
    out[i] = b;
  }
  return out;
}
function toBools(spec, flat) {
  const n = flat.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = flat[i];
    if (typeof v !== "boolean") throw typeError(spec, i, v, "true or false");
    out[i] = v ? 1 : 0;
  }
  return out;
}
function toStrings(spec, flat) {
  const n = flat.length;
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = flat[i];
    if (typeof v === "string") out[i] = v;
    else if (isB64(v)) out[i] = fromB64(spec, i, v.b64);
    else throw typeError(spec, i, v, 'a string or {"b64": \u2026}');
  }
  return out;
}
var BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;
function isB64(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.hasOwn(v, "b64") && Object.keys(v).length === 1;
}
function fromB64(spec, index, b64) {
  if (typeof b64 !== "string" || !BASE64.test(b64))
    throw new BadRequest(
      `input '${spec.name}': element ${index}: {"b64": \u2026} must hold standard base64 (A\u2013Z, a\u2013z, 0\u20139, +, /, = padding), received ${describe(b64)}`
    );
  return Buffer.from(b64, "base64").toString("utf8");
}
function fitsSignature(spec, dims) {
  if (spec.shape.length !== dims.length) return false;
  for (let i = 0; i < dims.length; i++) {
    const d = spec.shape[i];
    if (typeof d === "number" && d !== dims[i]) return false;
  }
  return true;
}

// serving/float32-text.ts
var P10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
var LOG10_2 = 0.3010299956639812;
var f322 = new Float32Array(1);
var f32Bits = new Uint32Array(f322.buffer);
var digitScratch = new Uint8Array(24);
var DIGIT_PAIRS = Uint8Array.from(
  { length: 200 },
  (_, i) => 48 + (i % 2 === 0 ? Math.floor(i / 20) : (i >> 1) % 10)
);
var FLOAT32_MAX_BYTES = 25;
function roundTrips(a, p, e) {
  const k = p - 1 - e;
  return k >= 0 ? Math.fround(Math.round(a * P10[k]) / P10[k]) === a : Math.fround(Math.round(a / P10[-k]) * P10[-k]) === a;
}
function float32TextSlow(a) {
  for (let p = 1; p < 9; p++) {
    const x = Number(a.toPrecision(p));
    if (Math.fround(x) === a) return String(x);
  }
  return String(Number(a.toPrecision(9)));
}
function float32Text(v) {
  return v < 0 ? `-${float32TextSlow(-v)}` : float32TextSlow(v);
}
function writeFloat32(buf, pos, v) {
  const a = v < 0 ? -v : v;
  f322[0] = a;
  let e = Math.floor(((f32Bits[0] >>> 23 & 255) - 127) * LOG10_2);
  const up = e + 1;
  if (up >= 0 ? up <= 22 && a >= P10[up] : up >= -22 && a * P10[-up] >= 1) e = up;
  if (e < -14 || e > 27) return -1;
  const p = roundTrips(a, 8, e) ? roundTrips(a, 7, e) ? roundTrips(a, 6, e) ? 6 : 7 : 8 : roundTrips(a, 9, e) ? 9 : 0;
  if (p === 0) return -1;
  let k = p - 1 - e;
  let m = (k >= 0 ? Math.round(a * P10[k]) : Math.round(a / P10[-k])) | 0;
  while (m % 10 === 0) {
    m = m / 10 | 0;
    k--;
  }
  if (v < 0) buf[pos++] = 45;
  return placeDigits(buf, pos, digitsOf(m), k);
}
function digitsOf(m) {
  let nd = 0;
  while (m >= 100) {
    const q = m / 100 | 0;
    const r = m - q * 100 << 1;
    digitScratch[nd++] = DIGIT_PAIRS[r + 1];
    digitScratch[nd++] = DIGIT_PAIRS[r];
    m = q;
  }
  if (m >= 10) {
    digitScratch[nd++] = 48 + m % 10;
    digitScratch[nd++] = 48 + (m / 10 | 0);
  } else {
    digitScratch[nd++] = 48 + m;
  }
  return nd;
}
function placeDigits(buf, pos, nd, k) {
  const n = nd - k;
  if (nd <= n && n <= 21) {
    for (let i = nd - 1; i >= 0; i--) buf[pos++] = digitScratch[i];
    for (let i = nd; i < n; i++) buf[pos++] = 48;
  } else if (n > 0 && n <= 21) {
    for (let i = nd - 1; i >= 0; i--) {
      buf[pos++] = digitScratch[i];
      if (i === nd - n) buf[pos++] = 46;
    }
  } else if (n > -6 && n <= 0) {
    buf[pos++] = 48;
    buf[pos++] = 46;
    for (let i = n; i < 0; i++) buf[pos++] = 48;
    for (let i = nd - 1; i >= 0; i--) buf[pos++] = digitScratch[i];
  } else {
    buf[pos++] = digitScratch[nd - 1];
    if (nd > 1) {
      buf[pos++] = 46;
      for (let i = nd - 2; i >= 0; i--) buf[pos++] = digitScratch[i];
    }
    buf[pos++] = 101;
    let x = n - 1;
    buf[pos++] = x < 0 ? 45 : 43;
    if (x < 0) x = -x;
    if (x >= 10) buf[pos++] = 48 + Math.floor(x / 10);
    buf[pos++] = 48 + x % 10;
  }
  return pos;
}

// serving/json-writer.ts
var digitScratch2 = new Uint8Array(24);
var KEYS = /* @__PURE__ */ new Map();
var KEYS_MAX = 1024;
function jsonKey(name) {
  let bytes = KEYS.get(name);
  if (bytes === void 0) {
    bytes = Buffer.from(`${JSON.stringify(name)}:`);
    if (KEYS.size >= KEYS_MAX) KEYS.clear();
    KEYS.set(name, bytes);
  }
  return bytes;
}
var JsonWriter = class {
  buf;
  pos = 0;
  constructor(buf) {
    this.buf = buf;
  }
  /** The bytes written so far (a view: copy before the buffer is reused). */
  view() {
    return this.buf.subarray(0, this.pos);
  }
  /** The buffer this writer ended up with (it may have grown). */
  buffer() {
    return this.buf;
  }
  reserve(n) {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
  /** JSON text, written as is (UTF-8): punctuation, keys, and the output of JSON.stringify. */
  raw(s) {
    const n = s.length;
    this.reserve(n);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 127) {
        this.pos = pos;
        this.reserve((n - i) * 3);
        this.pos += this.buf.write(s.slice(i), this.pos, "utf8");
        return this;
      }
      buf[pos++] = c;
    }
    this.pos = pos;
    return this;
  }
  /** Pre-encoded JSON text (keys written once per row are encoded once per response). */
  bytes(b) {
    const n = b.length;
    this.reserve(n);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < n; i++) buf[pos++] = b[i];
    this.pos = pos;
    return this;
  }
  byte(c) {
    this.reserve(1);
    this.buf[this.pos++] = c;
  }
  /** Any string, as a JSON string literal (escaped as JSON.stringify does). */
  string(s) {
    return this.raw(JSON.stringify(s));
  }
  /** `"name":` */
  key(name) {
    return this.bytes(jsonKey(name));
  }
  /** A JSON number from any JS number; non-finite values become null. */
  number(v) {
    if (v === (v | 0)) return this.int32(v);
    return this.raw(Number.isFinite(v) ? String(v) : "null");
  }
  /** An integer in the int32 range (the caller checks). */
  int32(v) {
    this.reserve(11);
    const buf = this.buf;
    let pos = this.pos;
    let m = v;
    if (m < 0) {
      buf[pos++] = 45;
      m = -m;
    }
    if (m < 10) {
      buf[pos++] = 48 + m;
      this.pos = pos;
      return this;
    }
    let nd = 0;
    while (m > 0) {
      const q = Math.floor(m / 10);
      digitScratch2[nd++] = 48 + m - q * 10;
      m = q;
    }
    while (nd > 0) buf[pos++] = digitScratch2[--nd];
    this.pos = pos;
    return this;
  }
  /** A bigint as its exact digits (a JSON number, also beyond 2^53). */
  bigint(v) {
    if (v >= -2147483648n && v <= 2147483647n) return this.int32(Number(v));
    return this.raw(v.toString());
  }
  boolean(v) {
    return this.raw(v ? "true" : "false");
  }
  /** A float32 value with the fewest significant digits that read back as the same float32. */
  float32(v) {
    if (v === 0) return this.raw("0");
    if (!Number.isFinite(v)) return this.raw("null");
    this.reserve(FLOAT32_MAX_BYTES);
    const pos = writeFloat32(this.buf, this.pos, v);
    if (pos < 0) return this.raw(float32Text(v));
    this.pos = pos;
    return this;
  }
  /** `count` elements of `view` from flat index `start`, comma-separated, without brackets. */
  elements(view, start, count) {
    const end = start + count;
    switch (view.type) {
      case "float32": {
        const data = view.data;
        for (let i = start; i < end; i++) {
          if (i > start) this.byte(44);
          this.float32(data[i]);
        }
        return this;
      }
      case "int64":
      case "uint64": {
        const data = view.data;
        for (let i = start; i < end; i++) {
          if (i > start) this.byte(44);
          this.bigint(data[i]);
        }
        return this;
      }
      case "bool": {
        const data = view.data;
        for (let i = start; i < end; i++) {
          if (i > start) this.byte(44);
          this.boolean(data[i] !== 0);
        }
        return this;
      }
      case "float16": {
        const data = view.data;
        for (let i = start; i < end; i++) {
          if (i > start) this.byte(44);
          this.number(fromHalfBits(data[i]));
        }
        return this;
      }
      case "string": {
        const data = view.data;
        for (let i = start; i < end; i++) {
          if (i > start) this.byte(44);
          this.string(data[i]);
        }
        return this;
      }
      case "b64": {
        const data = view.data;
        for (let i = start; i < end; i++) {
          if (i > start) this.byte(44);
          this.raw('{"b64":"').raw(Buffer.from(data[i], "utf8").toString("base64")).raw('"}');
        }
        return this;
      }
      default: {
        const data = view.data;
        for (let i = start; i < end; i++) {
          if (i > start) this.byte(44);
          this.number(data[i]);
        }
        return this;
      }
    }
  }
  /** Elements from flat index `start`, nested as `dims` (row-major); a scalar when `dims` is empty. */
  nestedAt(view, dims, depth, start) {
    if (depth === dims.length) {
      this.elements(view, start, 1);
      return start + 1;
    }
    const size = dims[depth];
    this.byte(91);
    if (depth === dims.length - 1) {
      this.elements(view, start, size);
      this.byte(93);
      return start + size;
    }
    let at = start;
    for (let i = 0; i < size; i++) {
      if (i > 0) this.byte(44);
      at = this.nestedAt(view, dims, depth + 1, at);
    }
    this.byte(93);
    return at;
  }
  /** The whole view as nested arrays of its dims. */
  nested(view) {
    this.nestedAt(view, view.dims, 0, view.start);
    return this;
  }
  /** The view's elements as one flat array (KServe V2 `data`). */
  flat(view) {
    this.byte(91);
    this.elements(view, view.start, view.end - view.start);
    this.byte(93);
    return this;
  }
  /** Row `row` (along the first dimension) of the view, nested as the remaining dims. */
  row(view, row) {
    let rowSize = 1;
    for (let d = 1; d < view.dims.length; d++) rowSize *= view.dims[d];
    this.nestedAt(view, view.dims, 1, view.start + row * rowSize);
    return this;
  }
};

// serving/json-tensors.ts
var FAST_MAX_ELEMENTS = 1 << 20;
function probeShape(value) {
  const shape = [];
  let probe = value;
  while (Array.isArray(probe)) {
    if (probe.length === 0 || shape.length === MAX_RANK) return void 0;
    shape.push(probe.length);
    probe = probe[0];
  }
  return shape;
}
function fill(out, v, shape, depth, at, lo, hi, integer) {
  const size = shape[depth];
  if (v.length !== size) return -1;
  if (depth === shape.length - 1) {
    for (let i = 0; i < size; i++) {
      const x = v[i];
      if (typeof x !== "number" || !(x >= lo && x <= hi) || integer && !Number.isInteger(x))
        return -1;
      out[at++] = x;
    }
    return at;
  }
  for (let i = 0; i < size; i++) {
    const child = v[i];
    if (!Array.isArray(child)) return -1;
    at = fill(out, child, shape, depth + 1, at, lo, hi, integer);
    if (at < 0) return -1;
  }
  return at;
}
function fastNumeric(spec, value, dims) {
  if (!Array.isArray(value)) return void 0;
  const nesting = probeShape(value);
  if (!nesting) return void 0;
  const shape = dims ?? nesting;
  if (!fitsSignature(spec, shape)) return void 0;
  let n = 1;
  for (const d of shape) n *= d;
  if (n > FAST_MAX_ELEMENTS) return void 0;
  if (dims) {
    if (nesting.length === 1 ? nesting[0] !== n : nesting.join(",") !== dims.join(","))
      return void 0;
  }
  if (!Object.hasOwn(NUMBER_RANGES, spec.type)) return void 0;
  const type = spec.type;
  const [lo, hi, integer] = NUMBER_RANGES[type];
  const out = new ARRAY_OF[type](n);
  if (fill(out, value, nesting, 0, 0, lo, hi, integer) !== n) return void 0;
  return { type: spec.type, data: out, dims: [...shape] };
}
function fromNested(spec, value) {
  const fast = fastNumeric(spec, value);
  if (fast) return fast;
  const { shape, flat } = flatten(spec.name, value);
  refuseB64(spec, flat);
  checkShape(spec, shape);
  return { type: spec.type, data: toTypedData(spec, flat), dims: shape };
}
function refuseB64(spec, flat) {
  if (spec.type === "string") return;
  const at = flat.findIndex(isB64);
  if (at >= 0)
    throw new BadRequest(
      `input '${spec.name}' is ${spec.type}: element ${at} is {"b64": \u2026}, which carries bytes for string (DT_STRING) inputs only; send its values as numbers`
    );
}
function fromFlat(spec, shape, value) {
  const fast = fastNumeric(spec, value, shape);
  if (fast) return fast;
  const { shape: nestedShape, flat } = flatten(spec.name, value);
  refuseB64(spec, flat);
  if (nestedShape.length > 1 && nestedShape.join(",") !== shape.join(",")) {
    throw new BadRequest(
      `input '${spec.name}': nested data has shape [${nestedShape.join(", ")}] but the request says [${shape.join(", ")}]`
    );
  }
  const expected = shape.reduce((a, b) => a * b, 1);
  if (flat.length !== expected) {
    throw new BadRequest(
      `input '${spec.name}': data has ${flat.length} elements but shape [${shape.join(", ")}] needs ${expected}`
    );
  }
  checkShape(spec, shape);
  return { type: spec.type, data: toTypedData(spec, flat), dims: [...shape] };
}

// serving/inference.ts
function signatureText(spec) {
  return `${spec.type} [${spec.shape.map((d) => typeof d === "number" ? d : -1).join(", ")}]`;
}
function inputNames(model) {
  return model.inputs.map((s) => `'${s.name}' (${signatureText(s)})`).join(", ");
}
function isPlainObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function feedsFromNamed(model, values) {
  const feeds = {};
  for (const name of Object.keys(values)) {
    if (!model.inputs.some((s) => s.name === name)) {
      throw new BadRequest(
        `unexpected input '${clip(name)}': model '${model.name}' takes ${inputNames(model)}`
      );
    }
  }
  for (const spec of model.inputs) {
    if (!Object.hasOwn(values, spec.name))
      throw new BadRequest(`missing input '${spec.name}' (${signatureText(spec)})`);
    feeds[spec.name] = fromNested(spec, values[spec.name]);
  }
  return feeds;
}
function feedsFromColumnar(model, inputs) {
  if (isPlainObject(inputs) && !isB64(inputs)) return feedsFromNamed(model, inputs);
  if (model.inputs.length !== 1) {
    throw new BadRequest(
      `model '${model.name}' has ${model.inputs.length} inputs: send 'inputs' as an object keyed by input name: ${inputNames(model)}`
    );
  }
  return feedsFromNamed(model, { [model.inputs[0].name]: inputs });
}
function feedsFromInstances(model, instances) {
  if (!Array.isArray(instances))
    throw new BadRequest("'instances' must be a list, one element per instance");
  if (instances.length === 0) throw new BadRequest("'instances' is empty");
  const named = instances.every((i) => isPlainObject(i) && !isB64(i));
  if (!named) {
    if (model.inputs.length !== 1) {
      throw new BadRequest(
        `model '${model.name}' has ${model.inputs.length} inputs: each instance must be an object keyed by input name: ${inputNames(model)}`
      );
    }
    return feedsFromNamed(model, { [model.inputs[0].name]: instances });
  }
  const columns = {};
  for (const spec of model.inputs) columns[spec.name] = [];
  instances.forEach((obj, i) => {
    for (const key of Object.keys(obj)) {
      if (!Object.hasOwn(columns, key))
        throw new BadRequest(
          `instance ${i}: unexpected input '${clip(key)}': model '${model.name}' takes ${inputNames(model)}`
        );
    }
    for (const spec of model.inputs) {
      if (!Object.hasOwn(obj, spec.name))
        throw new BadRequest(
          `instance ${i}: missing input '${spec.name}' (${signatureText(spec)})`
        );
      columns[spec.name].push(obj[spec.name]);
    }
  });
  return feedsFromNamed(model, columns);
}
function batchRows(model, feeds) {
  let rows;
  let first = "";
  for (const name in feeds) {
    const n = feeds[name].dims[0] ?? 1;
    if (rows === void 0) {
      rows = n;
      first = name;
    } else if (model.batching.enabled && n !== rows) {
      throw new BadRequest(
        `inputs disagree on the batch size: '${first}' has ${rows} rows, '${name}' has ${n}`
      );
    }
  }
  return rows ?? 0;
}
function runModel(model, feeds, shadow) {
  const rows = batchRows(model, feeds);
  const rejected = (err) => {
    throw new BadRequest(
      `model '${model.name}' version ${model.version} rejected the input: ${err.message.split("\n")[0]}`
    );
  };
  const mirror = shadow?.mirrorFor(model);
  if (!mirror) return model.infer(feeds, rows).catch(rejected);
  const start = performance.now();
  return model.infer(feeds, rows).then((outputs) => {
    mirror.offer(model, feeds, rows, outputs, (performance.now() - start) / 1e3);
    return outputs;
  }, rejected);
}
function checkRows(outputs, rows) {
  for (const name in outputs) {
    const view = outputs[name];
    if (view.dims[0] !== rows) {
      throw new BadRequest(
        `output '${name}' has shape [${view.dims.join(", ")}], which cannot be split into ${rows} instances: use the columnar 'inputs' format`
      );
    }
  }
}
function writeRows(w, outputs, rows, asRecords = false) {
  const names = Object.keys(outputs);
  const views = names.map((n) => outputs[n]);
  const keys = names.map(jsonKey);
  w.raw("[");
  for (let i = 0; i < rows; i++) {
    if (i > 0) w.raw(",");
    if (views.length === 1 && !asRecords) {
      w.row(views[0], i);
      continue;
    }
    w.raw("{");
    for (let j = 0; j < views.length; j++) {
      if (j > 0) w.raw(",");
      w.bytes(keys[j]).row(views[j], i);
    }
    w.raw("}");
  }
  w.raw("]");
}
function writeNamed(w, outputs) {
  w.raw("{");
  let first = true;
  for (const [name, view] of Object.entries(outputs)) {
    if (!first) w.raw(",");
    first = false;
    w.key(name).nested(view);
  }
  w.raw("}");
}
function sendJson(reply, body) {
  return reply.type("application/json; charset=utf-8").send(body);
}
function clip(s) {
  return s.length > 64 ? `${s.slice(0, 64)}\u2026` : s;
}

export {
  HttpError,
  BadRequest,
  NotFound,
  Unavailable,
  begin,
  requestedVersion,
  parseVersion,
  defaultModel,
  isElementType,
  ARRAY_OF,
  zeros,
  sameDims,
  v2TensorMeta,
  toV2Datatype,
  fromV2Datatype,
  toTfDtype,
  fromHalfBits,
  checkShape,
  toTypedData,
  float32Text,
  JsonWriter,
  fromFlat,
  signatureText,
  feedsFromNamed,
  feedsFromColumnar,
  feedsFromInstances,
  runModel,
  checkRows,
  writeRows,
  writeNamed,
  sendJson
};
//# sourceMappingURL=chunk-USNDXPPB.js.map
