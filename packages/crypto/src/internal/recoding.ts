// Scalar recodings for the multiplication kernels (internal): a scalar's bytes, signed base-256 digits for
// table lookups, width-w NAF for Straus, and signed c-bit windows for Pippenger's buckets.

/** The little-endian bytes of 0 ≤ s < 2^(8·length), plus one spare zero byte for carries. */
export function scalarBytes(s: bigint, length = 32): Uint8Array {
  const hex = s.toString(16).padStart(2 * length, '0');
  if (hex.length > 2 * length) throw new RangeError('scalar too large');
  const out = new Uint8Array(length + 1);
  for (let i = 0; i < length; i++) out[i] = Number.parseInt(hex.slice(2 * (length - 1 - i), 2 * (length - i)), 16);
  return out;
}

/**
 * Signed base-256 digits in [−127, 128]: s = Σ dᵢ·256^i, one digit per byte of s < 2^(8·length) plus one
 * for the last carry. |dᵢ| ≤ 128 indexes a table of 1…128 multiples.
 */
export function radix256(s: bigint, length = 32): Int16Array {
  const bytes = scalarBytes(s, length);
  const digits = new Int16Array(length + 1);
  let carry = 0;
  for (let i = 0; i <= length; i++) {
    let v = (bytes[i] as number) + carry;
    carry = v > 128 ? 1 : 0;
    if (carry) v -= 256;
    digits[i] = v;
  }
  return digits;
}

/**
 * Width-w NAF: s = Σ dᵢ·2^i with every dᵢ zero or odd, |dᵢ| < 2^(w−1), and at most one non-zero digit
 * in any w consecutive positions. Returns the digits and the largest |dᵢ| (how much table is needed).
 */
export function wnaf(s: bigint, w: number): { digits: Int8Array; maxDigit: number } {
  // an Int8Array holds the digits, in [−2^(w−1), 2^(w−1)), only up to w = 8
  if (!Number.isInteger(w) || w < 2 || w > 8) throw new RangeError('wnaf: width must be 2…8');
  const bits = s.toString(2);
  const n = bits.length;
  const bit = (i: number) => (i < n ? bits.charCodeAt(n - 1 - i) - 48 : 0);
  const digits = new Int8Array(n + 1);
  const full = 1 << w;
  const half = full >> 1;
  let maxDigit = 0;
  let carry = 0;
  let i = 0;
  while (i < n || carry) {
    const b = bit(i) + carry;
    if (b !== 1) {
      // even: this digit is 0; a pending carry on a set bit moves up
      carry = b >> 1;
      i++;
      continue;
    }
    let v = carry;
    for (let j = 0; j < w; j++) v += bit(i + j) << j;
    v &= full - 1;
    if (v >= half) {
      v -= full; // negative digit: subtracting it adds 2^w, carried into position i + w
      carry = 1;
    } else carry = 0;
    digits[i] = v;
    maxDigit = Math.max(maxDigit, Math.abs(v));
    i += w;
  }
  return { digits, maxDigit };
}

/**
 * The widest window signedWindows (and so the BigInt Pippenger in msm.ts) takes; the window chooser is bounded by
 * it. Digits and their pre-recoding values, up to 2^c, live in 32-bit integers (JavaScript's `<<` and an
 * Int32Array), which would hold up to c = 30; 16 keeps the 2^(c−1) buckets small and is where the cost model stops.
 */
export const MAX_SIGNED_WINDOW = 16;

/**
 * Signed c-bit windows: s = Σ dₖ·2^(c·k) with dₖ in (−2^(c−1), 2^(c−1)]. For s < 2^b, ⌈(b + 1)/c⌉ windows
 * leave no final carry: the top window holds less than 2^(c−1), plus at most the carry from below.
 */
export function signedWindows(s: bigint, c: number, windows: number): Int32Array {
  if (!Number.isInteger(c) || c < 2 || c > MAX_SIGNED_WINDOW) throw new RangeError(`window must be 2…${MAX_SIGNED_WINDOW} bits`);
  const bytes = scalarBytes(s);
  const full = 1 << c;
  const half = full >> 1;
  const digits = new Int32Array(windows);
  let carry = 0;
  for (let k = 0; k < windows; k++) {
    const start = k * c;
    let v = 0;
    for (let j = 0; j < c; j++) {
      const at = start + j;
      if (at < 264) v |= (((bytes[at >> 3] as number) >> (at & 7)) & 1) << j;
    }
    v += carry;
    carry = v > half ? 1 : 0;
    if (carry) v -= full;
    digits[k] = v;
  }
  if (carry) throw new Error('signedWindows: too few windows'); // unreachable for the window count above
  return digits;
}
