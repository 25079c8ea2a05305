// Arithmetic mod p = 2^255 − 19 for the variable-time verification kernels (internal, public data only).
// noble's field reduces every product with a generic `%`; here products are folded with 2^255 ≡ 19 (mod p),
// about a fifth cheaper, and values stay "loose" (not fully reduced) between operations.
//
// Invariant: mul and sqr take any non-negative inputs below 2^260 and return values below L = 2^255 + 2^21.
// Point coordinates are such outputs (or noble's canonical ones). A sum of two is below 2^257; `sub` returns
// values below 2^256. Keeping operands under 2^256 matters: BigInt works in 64-bit digits, and a fifth digit
// makes every product a third dearer. Values leave this module only through `canonical`.
import { ed25519 } from '@noble/curves/ed25519.js';

export const P = ed25519.Point.Fp.ORDER;
const P2 = 2n * P;
const MASK255 = (1n << 255n) - 1n;

/** a − b mod p, for a, b ≥ 0 with b − a < 4p; below max(a, 2p), so below 2^256 when a is. */
export function sub(a: bigint, b: bigint): bigint {
  let d = a - b;
  if (d < 0n) {
    d += P2; // b − a < 2^257 < 4p, so at most twice
    if (d < 0n) d += P2;
  }
  return d;
}

/** a·b folded below L with the same residue mod p: x = lo + 2^255·hi ≡ lo + 19·hi, twice. */
export function mul(a: bigint, b: bigint): bigint {
  const x = a * b;
  const y = (x & MASK255) + 19n * (x >> 255n);
  return (y & MASK255) + 19n * (y >> 255n);
}

export function sqr(a: bigint): bigint {
  const x = a * a;
  const y = (x & MASK255) + 19n * (x >> 255n);
  return (y & MASK255) + 19n * (y >> 255n);
}

/** The unique representative in [0, p). */
export function canonical(a: bigint): bigint {
  return a % P;
}

/** 1/a for a ≢ 0 (noble's inversion; only a few calls per batch). */
export function invert(a: bigint): bigint {
  return ed25519.Point.Fp.inv(canonical(a));
}

/**
 * Montgomery's trick: the inverses of all values for one inversion and 3 multiplications each.
 * Every value must be non-zero mod p (callers pass Z coordinates, which never are).
 */
export function invertAll(values: readonly bigint[]): bigint[] {
  const n = values.length;
  const prefix: bigint[] = new Array(n);
  let acc = 1n;
  for (let i = 0; i < n; i++) {
    prefix[i] = acc;
    acc = mul(acc, values[i] as bigint);
  }
  let inv = invert(acc);
  const out: bigint[] = new Array(n);
  for (let i = n - 1; i >= 0; i--) {
    out[i] = mul(inv, prefix[i] as bigint);
    inv = mul(inv, values[i] as bigint);
  }
  return out;
}
