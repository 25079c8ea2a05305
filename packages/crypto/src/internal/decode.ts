// ristretto255 DECODE (RFC 9496 §4.3.1), internal. Under Node.js it runs in the WebAssembly kernel
// (wasm-kernel.ts); elsewhere on the folded BigInt arithmetic of field.ts. Both perform exactly the RFC's checks,
// in the RFC's order, and return the same representative (x, y, 1, x·y) as noble's RistrettoPoint.fromBytes;
// test/wasm-kernel.test.ts and scripts/check-kernels.ts compare them on random and malformed encodings.
import { ed25519, ristretto255 } from '@noble/curves/ed25519.js';
import { bytesToNumberLE } from '@noble/curves/utils.js';
import { canonical, mul, P, sqr, sub } from './field.ts';
import { type WasmKernel, wasmKernel } from './wasm-kernel.ts';

type RistrettoPoint = InstanceType<typeof ristretto255.Point>;

const d = ed25519.Point.CURVE().d;
/** √−1 (RFC 9496 §4.1 SQRT_M1); encode.ts checks it at load. */
const SQRT_M1 = 19681161376707505956807079304988542015446066515923890162744021073123829784752n;

function isNegative(x: bigint): boolean {
  return (canonical(x) & 1n) === 1n;
}

function squareTimes(x: bigint, n: number): bigint {
  for (let i = 0; i < n; i++) x = sqr(x);
  return x;
}

/** x^((p − 5)/8) = x^(2^252 − 3), by the usual addition chain (as noble's ed25519_pow_2_252_3). */
function pow2252m3(x: bigint): bigint {
  const x2 = sqr(x);
  const b2 = mul(x2, x); // x^3
  const b4 = mul(squareTimes(b2, 2), b2); // x^15
  const b5 = mul(sqr(b4), x); // x^31
  const b10 = mul(squareTimes(b5, 5), b5);
  const b20 = mul(squareTimes(b10, 10), b10);
  const b40 = mul(squareTimes(b20, 20), b20);
  const b80 = mul(squareTimes(b40, 40), b40);
  const b160 = mul(squareTimes(b80, 80), b80);
  const b240 = mul(squareTimes(b160, 80), b80);
  const b250 = mul(squareTimes(b240, 10), b10);
  return mul(squareTimes(b250, 2), x);
}

/** SQRT_RATIO_M1(1, v) of RFC 9496 §4.2: (was_square, the non-negative r with r² = 1/v or √−1/v). */
function invsqrt(v: bigint): { wasSquare: boolean; r: bigint } {
  const v3 = mul(sqr(v), v);
  const v7 = mul(sqr(v3), v);
  let r = mul(v3, pow2252m3(v7)); // (u·v³)(u·v⁷)^((p−5)/8) with u = 1
  const check = canonical(mul(v, sqr(r)));
  const correctSignSqrt = check === 1n;
  const flippedSignSqrt = check === P - 1n;
  const flippedSignSqrtI = check === canonical(P - SQRT_M1);
  if (flippedSignSqrt || flippedSignSqrtI) r = mul(r, SQRT_M1);
  r = canonical(r);
  if (isNegative(r)) r = P - r; // CT_ABS
  return { wasSquare: correctSignSqrt || flippedSignSqrt, r };
}

/** The element encoded by 32 bytes, or null when they are not a valid canonical encoding. */
export function decodeRistretto(bytes: Uint8Array): RistrettoPoint | null {
  if (bytes.length !== 32) return null;
  return wasmKernel ? decodeWithKernel(wasmKernel, bytes) : decodeWithBigInts(bytes);
}

function decodeWithKernel(kernel: WasmKernel, bytes: Uint8Array): RistrettoPoint | null {
  const xyt = kernel.decode(bytes);
  if (xyt === null) return null;
  const [x, y, t] = xyt;
  return new ristretto255.Point(new ed25519.Point(x, y, 1n, t));
}

/** The reference decoder on BigInts (also the fallback where the WebAssembly kernel is not used). */
export function decodeWithBigInts(bytes: Uint8Array): RistrettoPoint | null {
  if (bytes.length !== 32) return null;
  // 1. s must be canonical (below p, which also rules out bit 255) and non-negative (even)
  const s = bytesToNumberLE(bytes);
  if (s >= P || (s & 1n) === 1n) return null;
  // 2.
  const ss = sqr(s);
  const u1 = sub(1n, ss);
  const u2 = 1n + ss;
  const u2Sqr = sqr(u2);
  const v = sub(sub(0n, mul(d, sqr(u1))), u2Sqr); // −(d·u1²) − u2²
  const { wasSquare, r: inv } = invsqrt(mul(v, u2Sqr));
  const denX = mul(inv, u2);
  const denY = mul(mul(inv, denX), v);
  let x = canonical(mul(s + s, denX));
  if (x & 1n) x = P - x; // CT_ABS
  const y = canonical(mul(u1, denY));
  const t = canonical(mul(x, y));
  // 3.
  if (!wasSquare || (t & 1n) === 1n || y === 0n) return null;
  return new ristretto255.Point(new ed25519.Point(x, y, 1n, t));
}
