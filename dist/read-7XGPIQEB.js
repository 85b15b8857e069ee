import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  toShadowSummary
} from "./chunk-AGTEKTRD.js";
import {
  ARTIFACT_LIMITS,
  ArtifactManifest,
  FIXED_ENTRIES,
  HISTORY_ENTRY,
  MANIFEST_ENTRY,
  RECORD_ENTRY,
  RUN_ARTIFACT_FORMAT,
  SHADOW_ENTRY,
  entryCap,
  isAllowedAttachment,
  unsafeEntryName
} from "./chunk-XOWASQMC.js";
import {
  parseRunRecord
} from "./chunk-3IRWCR3G.js";
import "./chunk-YELAXUXB.js";
import "./chunk-5ZLPMS4V.js";
import "./chunk-TZI6WE27.js";
import "./chunk-KWKVIQUA.js";
import "./chunk-GLCB3FVJ.js";
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";
import {
  RunHistory
} from "./chunk-OSSACCFA.js";
import "./chunk-TCP67NLO.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
import "./chunk-WARPCWE3.js";

// core/run-artifact/read.ts
import { lstat, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

// core/run-artifact/assemble.ts
function artifactError(source, message, hint, cause) {
  return new Cd4mlError("E_ARTIFACT", message, { location: { file: source }, hint, cause });
}
function assembleArtifact(kept, source) {
  const recordBytes = kept.get(RECORD_ENTRY);
  if (!recordBytes) {
    throw artifactError(
      source,
      `has no ${RECORD_ENTRY} at its root`,
      "is it the `cd4ml-run` artifact (written by `cd4ml record --dir`)?"
    );
  }
  const manifest = parseManifest(kept.get(MANIFEST_ENTRY), source);
  const record = parseEntry(
    source,
    RECORD_ENTRY,
    () => parseRunRecord(decode(recordBytes), `${source}:${RECORD_ENTRY}`)
  );
  const historyBytes = kept.get(HISTORY_ENTRY);
  const history = historyBytes ? parseEntry(source, HISTORY_ENTRY, () => parseHistory(historyBytes)) : null;
  const shadowBytes = kept.get(SHADOW_ENTRY);
  const shadow = shadowBytes ? parseEntry(source, SHADOW_ENTRY, () => {
    const summary = toShadowSummary(JSON.parse(decode(shadowBytes)));
    if (summary instanceof Error) throw summary;
    return summary;
  }) : null;
  const listed = manifest ? new Set(manifest.files.map((file) => file.path)) : null;
  const files = /* @__PURE__ */ new Map();
  for (const [name, data] of kept) {
    if (FIXED_ENTRIES.includes(name)) continue;
    if (listed && !listed.has(name)) continue;
    files.set(name, data);
  }
  return { source, record, manifest, history, files, shadow };
}
function parseManifest(bytes, source) {
  if (!bytes) return null;
  return parseEntry(source, MANIFEST_ENTRY, () => {
    const result = ArtifactManifest.safeParse(JSON.parse(decode(bytes)));
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new Error(`${issue?.path.join(".") || "manifest"}: ${issue?.message ?? "invalid"}`);
    }
    const { format } = result.data;
    if (format !== RUN_ARTIFACT_FORMAT) {
      const version = /^cd4ml\/run-artifact@(\d+)$/.exec(format);
      throw new Error(
        version ? `format ${format} is newer than this cd4ml reads (${RUN_ARTIFACT_FORMAT}): upgrade cd4ml` : `format "${format}" is not a cd4ml run artifact`
      );
    }
    return result.data;
  });
}
function parseHistory(bytes) {
  const result = RunHistory.safeParse(JSON.parse(decode(bytes)));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${issue?.path.join(".") || "history"}: ${issue?.message ?? "invalid"}`);
  }
  return result.data.runs.filter((run) => run.status === "success").slice(-ARTIFACT_LIMITS.historyRuns);
}
function parseEntry(source, entry, parse) {
  try {
    return parse();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Cd4mlError("E_ARTIFACT", `entry "${entry}" is invalid: ${message}`, {
      location: { file: source },
      cause: error
    });
  }
}
var decoder = new TextDecoder("utf-8");
function decode(bytes) {
  return decoder.decode(bytes);
}

// node_modules/fflate/esm/index.mjs
import { createRequire } from "module";
var require2 = createRequire("/");
var _a;
var Worker;
var isMarkedAsUntransferable;
try {
  _a = require2("worker_threads"), Worker = _a.Worker, isMarkedAsUntransferable = _a.isMarkedAsUntransferable;
} catch (e) {
}
var u8 = Uint8Array;
var u16 = Uint16Array;
var i32 = Int32Array;
var fleb = new u8([
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  1,
  1,
  1,
  1,
  2,
  2,
  2,
  2,
  3,
  3,
  3,
  3,
  4,
  4,
  4,
  4,
  5,
  5,
  5,
  5,
  0,
  /* unused */
  0,
  0,
  /* impossible */
  0
]);
var fdeb = new u8([
  0,
  0,
  0,
  0,
  1,
  1,
  2,
  2,
  3,
  3,
  4,
  4,
  5,
  5,
  6,
  6,
  7,
  7,
  8,
  8,
  9,
  9,
  10,
  10,
  11,
  11,
  12,
  12,
  13,
  13,
  /* unused */
  0,
  0
]);
var clim = new u8([16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]);
var freb = function(eb, start) {
  var b = new u16(31);
  for (var i2 = 0; i2 < 31; ++i2) {
    b[i2] = start += 1 << eb[i2 - 1];
  }
  var r = new i32(b[30]);
  for (var i2 = 1; i2 < 30; ++i2) {
    for (var j = b[i2]; j < b[i2 + 1]; ++j) {
      r[j] = j - b[i2] << 5 | i2;
    }
  }
  return { b, r };
};
var _a = freb(fleb, 2);
var fl = _a.b;
var revfl = _a.r;
fl[28] = 258, revfl[258] = 28;
var _b = freb(fdeb, 0);
var fd = _b.b;
var revfd = _b.r;
var rev = new u16(32768);
for (i = 0; i < 32768; ++i) {
  x = (i & 43690) >> 1 | (i & 21845) << 1;
  x = (x & 52428) >> 2 | (x & 13107) << 2;
  x = (x & 61680) >> 4 | (x & 3855) << 4;
  rev[i] = ((x & 65280) >> 8 | (x & 255) << 8) >> 1;
}
var x;
var i;
var hMap = (function(cd, mb, r) {
  var s = cd.length;
  var i2 = 0;
  var l = new u16(mb);
  for (; i2 < s; ++i2) {
    if (cd[i2])
      ++l[cd[i2] - 1];
  }
  var le = new u16(mb);
  for (i2 = 1; i2 < mb; ++i2) {
    le[i2] = le[i2 - 1] + l[i2 - 1] << 1;
  }
  var co;
  if (r) {
    co = new u16(1 << mb);
    var rvb = 15 - mb;
    for (i2 = 0; i2 < s; ++i2) {
      if (cd[i2]) {
        var sv = i2 << 4 | cd[i2];
        var r_1 = mb - cd[i2];
        var v = le[cd[i2] - 1]++ << r_1;
        for (var m = v | (1 << r_1) - 1; v <= m; ++v) {
          co[rev[v] >> rvb] = sv;
        }
      }
    }
  } else {
    co = new u16(s);
    for (i2 = 0; i2 < s; ++i2) {
      if (cd[i2]) {
        co[i2] = rev[le[cd[i2] - 1]++] >> 15 - cd[i2];
      }
    }
  }
  return co;
});
var flt = new u8(288);
for (i = 0; i < 144; ++i)
  flt[i] = 8;
var i;
for (i = 144; i < 256; ++i)
  flt[i] = 9;
var i;
for (i = 256; i < 280; ++i)
  flt[i] = 7;
var i;
for (i = 280; i < 288; ++i)
  flt[i] = 8;
var i;
var fdt = new u8(32);
for (i = 0; i < 32; ++i)
  fdt[i] = 5;
var i;
var flrm = /* @__PURE__ */ hMap(flt, 9, 1);
var fdrm = /* @__PURE__ */ hMap(fdt, 5, 1);
var max = function(a) {
  var m = a[0];
  for (var i2 = 1; i2 < a.length; ++i2) {
    if (a[i2] > m)
      m = a[i2];
  }
  return m;
};
var bits = function(d, p, m) {
  var o = p / 8 | 0;
  return (d[o] | d[o + 1] << 8) >> (p & 7) & m;
};
var bits16 = function(d, p) {
  var o = p / 8 | 0;
  return (d[o] | d[o + 1] << 8 | d[o + 2] << 16) >> (p & 7);
};
var shft = function(p) {
  return (p + 7) / 8 | 0;
};
var slc = function(v, s, e) {
  if (s == null || s < 0)
    s = 0;
  if (e == null || e > v.length)
    e = v.length;
  return new u8(v.subarray(s, e));
};
var ec = [
  "unexpected EOF",
  "invalid block type",
  "invalid length/literal",
  "invalid distance",
  "stream finished",
  "no stream handler",
  ,
  // determined by compression function
  "no callback",
  "invalid UTF-8 data",
  "extra field too long",
  "date not in range 1980-2099",
  "filename too long",
  "stream finishing",
  "invalid zip data"
  // determined by unknown compression method
];
var err = function(ind, msg, nt) {
  var e = new Error(msg || ec[ind]);
  e.code = ind;
  if (Error.captureStackTrace)
    Error.captureStackTrace(e, err);
  if (!nt)
    throw e;
  return e;
};
var inflt = function(dat, st, buf, dict) {
  var sl = dat.length, dl = dict ? dict.length : 0;
  if (!sl || st.f && !st.l)
    return buf || new u8(0);
  var noBuf = !buf;
  var resize = noBuf || st.i != 2;
  var noSt = st.i;
  if (noBuf)
    buf = new u8(sl * 3);
  var cbuf = function(l2) {
    var bl = buf.length;
    if (l2 > bl) {
      var nbuf = new u8(Math.max(bl * 2, l2));
      nbuf.set(buf);
      buf = nbuf;
    }
  };
  var final = st.f || 0, pos = st.p || 0, bt = st.b || 0, lm = st.l, dm = st.d, lbt = st.m, dbt = st.n;
  var tbts = sl * 8;
  do {
    if (!lm) {
      final = bits(dat, pos, 1);
      var type = bits(dat, pos + 1, 3);
      pos += 3;
      if (!type) {
        var s = shft(pos) + 4, l = dat[s - 4] | dat[s - 3] << 8, t = s + l;
        if (t > sl) {
          if (noSt)
            err(0);
          break;
        }
        if (resize)
          cbuf(bt + l);
        buf.set(dat.subarray(s, t), bt);
        st.b = bt += l, st.p = pos = t * 8, st.f = final;
        continue;
      } else if (type == 1)
        lm = flrm, dm = fdrm, lbt = 9, dbt = 5;
      else if (type == 2) {
        var hLit = bits(dat, pos, 31) + 257, hcLen = bits(dat, pos + 10, 15) + 4;
        var tl = hLit + bits(dat, pos + 5, 31) + 1;
        pos += 14;
        var ldt = new u8(tl);
        var clt = new u8(19);
        for (var i2 = 0; i2 < hcLen; ++i2) {
          clt[clim[i2]] = bits(dat, pos + i2 * 3, 7);
        }
        pos += hcLen * 3;
        var clb = max(clt), clbmsk = (1 << clb) - 1;
        var clm = hMap(clt, clb, 1);
        for (var i2 = 0; i2 < tl; ) {
          var r = clm[bits(dat, pos, clbmsk)];
          pos += r & 15;
          var s = r >> 4;
          if (s < 16) {
            ldt[i2++] = s;
          } else {
            var c = 0, n = 0;
            if (s == 16)
              n = 3 + bits(dat, pos, 3), pos += 2, c = ldt[i2 - 1];
            else if (s == 17)
              n = 3 + bits(dat, pos, 7), pos += 3;
            else if (s == 18)
              n = 11 + bits(dat, pos, 127), pos += 7;
            while (n--)
              ldt[i2++] = c;
          }
        }
        var lt = ldt.subarray(0, hLit), dt = ldt.subarray(hLit);
        lbt = max(lt);
        dbt = max(dt);
        lm = hMap(lt, lbt, 1);
        dm = hMap(dt, dbt, 1);
      } else
        err(1);
      if (pos > tbts) {
        if (noSt)
          err(0);
        break;
      }
    }
    if (resize)
      cbuf(bt + 131072);
    var lms = (1 << lbt) - 1, dms = (1 << dbt) - 1;
    var lpos = pos;
    for (; ; lpos = pos) {
      var c = lm[bits16(dat, pos) & lms], sym = c >> 4;
      pos += c & 15;
      if (pos > tbts) {
        if (noSt)
          err(0);
        break;
      }
      if (!c)
        err(2);
      if (sym < 256)
        buf[bt++] = sym;
      else if (sym == 256) {
        lpos = pos, lm = null;
        break;
      } else {
        var add = sym - 254;
        if (sym > 264) {
          var i2 = sym - 257, b = fleb[i2];
          add = bits(dat, pos, (1 << b) - 1) + fl[i2];
          pos += b;
        }
        var d = dm[bits16(dat, pos) & dms], dsym = d >> 4;
        if (!d)
          err(3);
        pos += d & 15;
        var dt = fd[dsym];
        if (dsym > 3) {
          var b = fdeb[dsym];
          dt += bits16(dat, pos) & (1 << b) - 1, pos += b;
        }
        if (pos > tbts) {
          if (noSt)
            err(0);
          break;
        }
        if (resize)
          cbuf(bt + 131072);
        var end = bt + add;
        if (bt < dt) {
          var shift = dl - dt, dend = Math.min(dt, end);
          if (shift + bt < 0)
            err(3);
          for (; bt < dend; ++bt)
            buf[bt] = dict[shift + bt];
        }
        for (; bt < end; ++bt)
          buf[bt] = buf[bt - dt];
      }
    }
    st.l = lm, st.p = lpos, st.b = bt, st.f = final;
    if (lm)
      final = 1, st.m = lbt, st.d = dm, st.n = dbt;
  } while (!final);
  return bt != buf.length && noBuf ? slc(buf, 0, bt) : buf.subarray(0, bt);
};
var et = /* @__PURE__ */ new u8(0);
var b2 = function(d, b) {
  return d[b] | d[b + 1] << 8;
};
var b4 = function(d, b) {
  return (d[b] | d[b + 1] << 8 | d[b + 2] << 16 | d[b + 3] << 24) >>> 0;
};
var b8 = function(d, b) {
  return b4(d, b) + b4(d, b + 4) * 4294967296;
};
var Inflate = /* @__PURE__ */ (function() {
  function Inflate2(opts, cb) {
    if (typeof opts == "function")
      cb = opts, opts = {};
    this.ondata = cb;
    var dict = opts && opts.dictionary && opts.dictionary.subarray(-32768);
    this.s = { i: 0, b: dict ? dict.length : 0 };
    this.o = new u8(32768);
    this.p = new u8(0);
    if (dict)
      this.o.set(dict);
  }
  Inflate2.prototype.e = function(c) {
    if (!this.ondata)
      err(5);
    if (this.d)
      err(4);
    if (!this.p.length)
      this.p = c;
    else if (c.length) {
      var n = new u8(this.p.length + c.length);
      n.set(this.p), n.set(c, this.p.length), this.p = n;
    }
  };
  Inflate2.prototype.c = function(final) {
    this.s.i = +(this.d = final || false);
    var bts = this.s.b;
    var dt = inflt(this.p, this.s, this.o);
    this.ondata(slc(dt, bts, this.s.b), this.d);
    this.o = slc(dt, this.s.b - 32768), this.s.b = this.o.length;
    this.p = slc(this.p, this.s.p / 8 | 0), this.s.p &= 7;
  };
  Inflate2.prototype.push = function(chunk, final) {
    this.e(chunk), this.c(final);
  };
  return Inflate2;
})();
var td = typeof TextDecoder != "undefined" && /* @__PURE__ */ new TextDecoder();
var tds = 0;
try {
  td.decode(et, { stream: true });
  tds = 1;
} catch (e) {
}
var dutf8 = function(d) {
  for (var r = "", i2 = 0; ; ) {
    var c = d[i2++];
    var eb = (c > 127) + (c > 223) + (c > 239);
    if (i2 + eb > d.length)
      return { s: r, r: slc(d, i2 - 1) };
    if (!eb)
      r += String.fromCharCode(c);
    else if (eb == 3) {
      c = ((c & 15) << 18 | (d[i2++] & 63) << 12 | (d[i2++] & 63) << 6 | d[i2++] & 63) - 65536, r += String.fromCharCode(55296 | c >> 10, 56320 | c & 1023);
    } else if (eb & 1)
      r += String.fromCharCode((c & 31) << 6 | d[i2++] & 63);
    else
      r += String.fromCharCode((c & 15) << 12 | (d[i2++] & 63) << 6 | d[i2++] & 63);
  }
};
function strFromU8(dat, latin1) {
  if (latin1) {
    var r = "";
    for (var i2 = 0; i2 < dat.length; i2 += 16384)
      r += String.fromCharCode.apply(null, dat.subarray(i2, i2 + 16384));
    return r;
  } else if (td) {
    return td.decode(dat);
  } else {
    var _a2 = dutf8(dat), s = _a2.s, r = _a2.r;
    if (r.length)
      err(8);
    return s;
  }
}
var z64hs = function(d, b, l, z, sc, su, off) {
  var nsc = sc == 4294967295, nsu = su == 4294967295, noff = off == 4294967295, e = b + l;
  var nf = nsc + nsu + noff;
  if (z && nf) {
    for (; b + 4 < e; b += 4 + b2(d, b + 2)) {
      if (b2(d, b) == 1) {
        return [
          nsc ? b8(d, b + 4 + 8 * nsu) : sc,
          nsu ? b8(d, b + 4) : su,
          noff ? b8(d, b + 4 + 8 * (nsu + nsc)) : off,
          1
        ];
      }
    }
    if (z < 2)
      err(13);
  }
  return [sc, su, off, 0];
};
var UnzipPassThrough = /* @__PURE__ */ (function() {
  function UnzipPassThrough2() {
  }
  UnzipPassThrough2.prototype.push = function(chunk, final) {
    this.ondata(null, chunk, final);
  };
  UnzipPassThrough2.compression = 0;
  return UnzipPassThrough2;
})();
var UnzipInflate = /* @__PURE__ */ (function() {
  function UnzipInflate2() {
    var _this = this;
    this.i = new Inflate(function(dat, final) {
      _this.ondata(null, dat, final);
    });
  }
  UnzipInflate2.prototype.push = function(chunk, final) {
    try {
      this.i.push(chunk, final);
    } catch (e) {
      this.ondata(e, null, final);
    }
  };
  UnzipInflate2.compression = 8;
  return UnzipInflate2;
})();
var Unzip = /* @__PURE__ */ (function() {
  function Unzip2(cb) {
    this.onfile = cb;
    this.k = [];
    this.o = {
      0: UnzipPassThrough
    };
    this.p = et;
  }
  Unzip2.prototype.push = function(chunk, final) {
    var _this = this;
    if (!this.onfile)
      err(5);
    if (!this.p)
      err(4);
    if (this.c > 0) {
      var len = Math.min(this.c, chunk.length);
      var toAdd = chunk.subarray(0, len);
      this.c -= len;
      if (this.d)
        this.d.push(toAdd, !this.c);
      else
        this.k[0].push(toAdd);
      chunk = chunk.subarray(len);
      if (chunk.length)
        return this.push(chunk, final);
    } else {
      var f = 0, i2 = 0, is = void 0, buf = void 0;
      if (!this.p.length)
        buf = chunk;
      else if (!chunk.length)
        buf = this.p;
      else {
        buf = new u8(this.p.length + chunk.length);
        buf.set(this.p), buf.set(chunk, this.p.length);
      }
      var l = buf.length, oc = this.c, add = oc && this.d;
      var _loop_2 = function() {
        var sig = b4(buf, i2);
        if (sig == 67324752) {
          f = 1, is = i2;
          this_1.d = null;
          this_1.c = 0;
          var bf = b2(buf, i2 + 6), cmp_1 = b2(buf, i2 + 8), u = bf & 2048, dd = bf & 8, fnl = b2(buf, i2 + 26), es = b2(buf, i2 + 28);
          if (l > i2 + 30 + fnl + es) {
            var chks_3 = [];
            this_1.k.unshift(chks_3);
            f = 2;
            var lsc = b4(buf, i2 + 18), lsu = b4(buf, i2 + 22);
            var fn_1 = strFromU8(buf.subarray(i2 + 30, i2 += 30 + fnl), !u);
            var _a2 = z64hs(buf, i2, es, 2, lsc, lsu, 0), sc_1 = _a2[0], su_1 = _a2[1], z64 = _a2[3];
            if (dd)
              sc_1 = -1 - z64;
            i2 += es;
            this_1.c = sc_1;
            var d_1;
            var file_1 = {
              name: fn_1,
              compression: cmp_1,
              start: function() {
                if (!file_1.ondata)
                  err(5);
                if (!sc_1)
                  file_1.ondata(null, et, true);
                else {
                  var ctr = _this.o[cmp_1];
                  if (!ctr)
                    file_1.ondata(err(14, "unknown compression type " + cmp_1, 1), null, false);
                  d_1 = sc_1 < 0 ? new ctr(fn_1) : new ctr(fn_1, sc_1, su_1);
                  d_1.ondata = function(err2, dat3, final2) {
                    file_1.ondata(err2, dat3, final2);
                  };
                  for (var _i = 0, chks_4 = chks_3; _i < chks_4.length; _i++) {
                    var dat2 = chks_4[_i];
                    d_1.push(dat2, false);
                  }
                  if (_this.k[0] == chks_3 && _this.c)
                    _this.d = d_1;
                  else
                    d_1.push(et, true);
                }
              },
              terminate: function() {
                if (d_1 && d_1.terminate)
                  d_1.terminate();
              }
            };
            if (sc_1 >= 0)
              file_1.size = sc_1, file_1.originalSize = su_1;
            this_1.onfile(file_1);
          }
          return "break";
        } else if (oc) {
          if (sig == 134695760) {
            is = i2 += 12 + (oc == -2 && 8), f = 3, this_1.c = 0;
            return "break";
          } else if (sig == 33639248) {
            is = i2 -= 4, f = 3, this_1.c = 0;
            return "break";
          }
        }
      };
      var this_1 = this;
      for (; i2 < l - 4; ++i2) {
        var state_1 = _loop_2();
        if (state_1 === "break")
          break;
      }
      this.p = et;
      if (oc < 0) {
        var dat = f ? buf.subarray(0, is - 12 - (oc == -2 && 8) - (b4(buf, is - 16) == 134695760 && 4)) : buf.subarray(0, i2);
        if (add)
          add.push(dat, !!f);
        else
          this.k[+(f == 2)].push(dat);
      }
      if (f & 2)
        return this.push(buf.subarray(i2), final);
      this.p = buf.subarray(i2);
    }
    if (final) {
      if (this.c)
        err(13);
      this.p = null;
    }
  };
  Unzip2.prototype.register = function(decoder2) {
    this.o[decoder2.compression] = decoder2;
  };
  return Unzip2;
})();

// core/run-artifact/unzip.ts
var ZIP_CHUNK = 8 * 1024;
function unzipEntries(zip, limits) {
  const kept = /* @__PURE__ */ new Map();
  const seen = /* @__PURE__ */ new Set();
  const state = { failure: null };
  let entries = 0;
  let total = 0;
  const ratioCap = Math.max(limits.ratioFloorBytes, limits.ratio * zip.length);
  const fail = (message) => {
    state.failure ??= message;
  };
  const unzip = new Unzip((file) => {
    if (state.failure) return;
    const name = file.name;
    if (++entries > limits.entries) return fail(`has more than ${limits.entries} entries`);
    const unsafe = unsafeEntryName(name);
    if (unsafe) return fail(`entry "${name}" ${unsafe}`);
    if (name.endsWith("/")) return;
    if (seen.has(name)) return fail(`entry "${name}" appears twice`);
    seen.add(name);
    if (!FIXED_ENTRIES.includes(name) && !isAllowedAttachment(name)) return;
    const cap = entryCap(name, limits);
    if (file.originalSize !== void 0 && file.originalSize > cap)
      return fail(`entry "${name}" is ${file.originalSize} bytes, over the ${cap}-byte cap`);
    const chunks = [];
    let size = 0;
    file.ondata = (error, data, final) => {
      if (state.failure) return;
      if (error) return fail(`entry "${name}" cannot be inflated: ${error.message}`);
      size += data.length;
      total += data.length;
      if (size > cap) return fail(`entry "${name}" inflates past its ${cap}-byte cap`);
      if (total > limits.totalBytes)
        return fail(`entries inflate past the ${limits.totalBytes}-byte total cap at "${name}"`);
      if (total > ratioCap)
        return fail(
          `entry "${name}" inflates past ${limits.ratio}\xD7 the archive's size (a zip bomb?)`
        );
      if (data.length > 0) chunks.push(data);
      if (final) kept.set(name, concat(chunks, size));
    };
    try {
      file.start();
    } catch (error) {
      fail(`entry "${name}" cannot be read: ${error.message}`);
    }
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < zip.length && !state.failure; at += ZIP_CHUNK) {
      unzip.push(zip.subarray(at, at + ZIP_CHUNK), at + ZIP_CHUNK >= zip.length);
    }
  } catch (error) {
    fail(`is not a valid zip archive: ${error.message}`);
  }
  return state.failure ? { failure: state.failure } : { entries: kept };
}
function concat(chunks, size) {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

// core/run-artifact/read.ts
function readRunArtifactZip(zip, source, limits = ARTIFACT_LIMITS) {
  if (zip.length < 4 || zip[0] !== 80 || zip[1] !== 75) {
    throw artifactError(source, "is not a zip archive", "pass the artifact as downloaded (a .zip)");
  }
  if (zip.length > limits.totalBytes) {
    throw artifactError(
      source,
      `is ${zip.length} bytes, over the ${limits.totalBytes}-byte cap of a whole run artifact`
    );
  }
  const unzipped = unzipEntries(zip, limits);
  if ("failure" in unzipped) throw artifactError(source, unzipped.failure);
  return assembleArtifact(unzipped.entries, source);
}
async function readRunArtifactDir(dir, source = dir, limits = ARTIFACT_LIMITS) {
  const kept = /* @__PURE__ */ new Map();
  let entries = 0;
  let total = 0;
  const walk = async (rel) => {
    const items = await readdir(join(dir, rel), { withFileTypes: true });
    items.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const item of items) {
      const name = rel ? `${rel}/${item.name}` : item.name;
      if (++entries > limits.entries)
        throw artifactError(source, `has more than ${limits.entries} entries`);
      const unsafe = unsafeEntryName(name);
      if (unsafe) throw artifactError(source, `entry "${name}" ${unsafe}`);
      if (item.isSymbolicLink()) throw artifactError(source, `entry "${name}" is a symbolic link`);
      if (item.isDirectory()) {
        await walk(name);
        continue;
      }
      if (!item.isFile()) continue;
      if (!FIXED_ENTRIES.includes(name) && !isAllowedAttachment(name)) continue;
      const cap = entryCap(name, limits);
      const { size } = await lstat(join(dir, name));
      if (size > cap)
        throw artifactError(source, `entry "${name}" is ${size} bytes, over the ${cap}-byte cap`);
      total += size;
      if (total > limits.totalBytes)
        throw artifactError(
          source,
          `entries are past the ${limits.totalBytes}-byte total cap at "${name}"`
        );
      kept.set(name, await readFile(join(dir, name)));
    }
  };
  try {
    await walk("");
  } catch (error) {
    if (error instanceof Cd4mlError) throw error;
    throw artifactError(
      source,
      `cannot read the run artifact directory: ${error.code ?? String(error)}`,
      "pass a directory `cd4ml record --dir` wrote, or the downloaded .zip",
      error
    );
  }
  return assembleArtifact(kept, source);
}
function artifactRun(artifact) {
  return {
    record: artifact.record,
    source: artifact.source,
    ...artifact.history ? { carriedHistory: artifact.history } : {},
    ...artifact.shadow ? { shadow: artifact.shadow } : {},
    readAttachment(path, maxBytes) {
      const unsafe = unsafeEntryName(path);
      if (unsafe) {
        return Promise.reject(
          artifactError(
            artifact.source,
            `attachment "${path}" ${unsafe}: it would leave the artifact`
          )
        );
      }
      const data = artifact.files.get(path);
      if (!data) return Promise.resolve(null);
      if (data.length > maxBytes) {
        return Promise.reject(
          artifactError(
            artifact.source,
            `attachment "${path}" is ${data.length} bytes, over the ${maxBytes}-byte limit`
          )
        );
      }
      return Promise.resolve(decode(data));
    }
  };
}
export {
  artifactRun,
  readRunArtifactDir,
  readRunArtifactZip
};
//# sourceMappingURL=read-7XGPIQEB.js.map
