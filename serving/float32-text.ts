/**
 * float32 elements as JSON text, as TF Serving writes them: the fewest significant
 * digits (at most 9) that read back as the same float32 (`0.98158616`), found with
 * integer arithmetic instead of a shortest-double search. Used by JsonWriter.float32.
 */

const P10: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const LOG10_2 = 0.3010299956639812;
const f32 = new Float32Array(1);
const f32Bits = new Uint32Array(f32.buffer);
const digitScratch = new Uint8Array(24);
/** "00".."99" as ASCII pairs: the digits of n are at [2n] and [2n + 1]. */
const DIGIT_PAIRS = Uint8Array.from(
  { length: 200 },
  (_, i) => 48 + (i % 2 === 0 ? Math.floor(i / 20) : (i >> 1) % 10),
);

/** The most bytes `writeFloat32` writes: a sign and 21 integer digits. */
export const FLOAT32_MAX_BYTES = 25;

/** True when `p` significant digits at decimal exponent `e` name the float32 `a` exactly. */
function roundTrips(a: number, p: number, e: number): boolean {
  const k = p - 1 - e;
  // Both operands are exact (k ≤ 22), so the quotient is the correctly rounded double a JSON parser would read.
  return k >= 0
    ? Math.fround(Math.round(a * P10[k]!) / P10[k]!) === a
    : Math.fround(Math.round(a / P10[-k]!) * P10[-k]!) === a;
}

/**
 * The fewest significant digits (1–9) that read back as the float32 `a` (> 0,
 * finite) in JS's number syntax. Used outside the range the integer path handles.
 */
function float32TextSlow(a: number): string {
  for (let p = 1; p < 9; p++) {
    const x = Number(a.toPrecision(p));
    if (Math.fround(x) === a) return String(x);
  }
  return String(Number(a.toPrecision(9)));
}

/** The float32 `v` (finite, not 0) as text, through toPrecision: the path `writeFloat32` declines. */
export function float32Text(v: number): string {
  return v < 0 ? `-${float32TextSlow(-v)}` : float32TextSlow(v);
}

/**
 * Writes the float32 `v` (finite, not 0) into `buf` at `pos`, which has room for
 * FLOAT32_MAX_BYTES; returns the position after it, or -1 when the value needs
 * `float32Text` (subnormals, extreme magnitudes, the rare value that needs no
 * fewer digits than toPrecision finds).
 */
export function writeFloat32(buf: Buffer, pos: number, v: number): number {
  const a = v < 0 ? -v : v;
  f32[0] = a;
  // floor(log10 a) from the binary exponent: exact or one too small, fixed by one comparison.
  let e = Math.floor((((f32Bits[0]! >>> 23) & 0xff) - 127) * LOG10_2);
  const up = e + 1;
  if (up >= 0 ? up <= 22 && a >= P10[up]! : up >= -22 && a * P10[-up]! >= 1) e = up;
  // Subnormals, and magnitudes where 10^k is no longer an exact double: the string path.
  if (e < -14 || e > 27) return -1;
  // Most float32 values need 8 or 9 digits; 6 is where any shorter form would also show up (as trailing zeros).
  const p = roundTrips(a, 8, e)
    ? roundTrips(a, 7, e)
      ? roundTrips(a, 6, e)
        ? 6
        : 7
      : 8
    : roundTrips(a, 9, e)
      ? 9
      : 0;
  if (p === 0) return -1;
  let k = p - 1 - e;
  // value = m × 10^-k with m < 10^9, an int32.
  let m = (k >= 0 ? Math.round(a * P10[k]!) : Math.round(a / P10[-k]!)) | 0;
  while (m % 10 === 0) {
    m = (m / 10) | 0;
    k--;
  }
  if (v < 0) buf[pos++] = 45;
  return placeDigits(buf, pos, digitsOf(m), k);
}

/** The decimal digits of `m` (> 0) into digitScratch, least significant first, two at a time; returns how many. */
function digitsOf(m: number): number {
  let nd = 0;
  while (m >= 100) {
    const q = (m / 100) | 0;
    const r = (m - q * 100) << 1;
    digitScratch[nd++] = DIGIT_PAIRS[r + 1]!;
    digitScratch[nd++] = DIGIT_PAIRS[r]!;
    m = q;
  }
  if (m >= 10) {
    digitScratch[nd++] = 48 + (m % 10);
    digitScratch[nd++] = 48 + ((m / 10) | 0);
  } else {
    digitScratch[nd++] = 48 + m;
  }
  return nd;
}

/** Writes the `nd` digits in digitScratch × 10^-k, placed as Number.prototype.toString does; returns the new position. */
function placeDigits(buf: Buffer, pos: number, nd: number, k: number): number {
  // n = position of the decimal point relative to the digits.
  const n = nd - k;
  if (nd <= n && n <= 21) {
    for (let i = nd - 1; i >= 0; i--) buf[pos++] = digitScratch[i]!;
    for (let i = nd; i < n; i++) buf[pos++] = 48;
  } else if (n > 0 && n <= 21) {
    for (let i = nd - 1; i >= 0; i--) {
      buf[pos++] = digitScratch[i]!;
      if (i === nd - n) buf[pos++] = 46;
    }
  } else if (n > -6 && n <= 0) {
    buf[pos++] = 48;
    buf[pos++] = 46;
    for (let i = n; i < 0; i++) buf[pos++] = 48;
    for (let i = nd - 1; i >= 0; i--) buf[pos++] = digitScratch[i]!;
  } else {
    buf[pos++] = digitScratch[nd - 1]!;
    if (nd > 1) {
      buf[pos++] = 46;
      for (let i = nd - 2; i >= 0; i--) buf[pos++] = digitScratch[i]!;
    }
    buf[pos++] = 101;
    let x = n - 1;
    buf[pos++] = x < 0 ? 45 : 43;
    if (x < 0) x = -x;
    if (x >= 10) buf[pos++] = 48 + Math.floor(x / 10);
    buf[pos++] = 48 + (x % 10);
  }
  return pos;
}
