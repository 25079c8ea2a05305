// Variable-time multi-scalar multiplication for verification (spec §2.9; internal, public inputs only):
// decides whether Σ sᵢ·Pᵢ is the identity. Under Node.js the WebAssembly kernel computes it (Pippenger's
// buckets, wasm-kernel.ts). Elsewhere, on BigInts: bases with a precomputed table (G, a prepared election key)
// cost one addition per 8 scalar bits and no doublings; the others go through Straus' interleaved wNAF (few
// points) or Pippenger's buckets (many points), whichever the operation count says is cheaper.
import { ristretto255 } from '@noble/curves/ed25519.js';
import {
  add,
  type Cached,
  double,
  Ext,
  fromRistretto,
  IDENTITY,
  negate,
  negateCached,
  toCached,
  toRistretto,
} from './edwards.ts';
import { canonical } from './field.ts';
import { readLE256, viewOf } from './le256.ts';
import { MAX_SIGNED_WINDOW, signedWindows, wnaf } from './recoding.ts';
import { addPublicMultiple, tableOf } from './tables.ts';
import { KERNEL_MAX_TERMS, type WasmKernel, wasmKernel } from './wasm-kernel.ts';

type RistrettoPoint = InstanceType<typeof ristretto255.Point>;

const ORDER = ristretto255.Point.Fn.ORDER;
const HALF_ORDER = ORDER >> 1n;

/** A base with a scalar in (0, ℓ/2]: larger scalars were folded into the negated base. */
interface Term {
  readonly point: Ext;
  readonly scalar: bigint;
  readonly bits: number;
  /** The caller's base, and whether `point` is its negation. */
  readonly base: RistrettoPoint;
  readonly negated: boolean;
}

const WNAF_WIDTH = 5;

/** Straus' interleaved multiplication: one shared doubling chain, width-5 NAF digits, small per-base tables. */
function straus(terms: readonly Term[]): Ext {
  const digitRows: Int8Array[] = [];
  const tables: { pos: Cached[]; neg: Cached[] }[] = [];
  let length = 0;
  for (const t of terms) {
    const { digits, maxDigit } = wnaf(t.scalar, WNAF_WIDTH);
    // odd multiples P, 3P, …, maxDigit·P, only as far as this scalar's digits reach
    const pos: Cached[] = [toCached(t.point)];
    if (maxDigit > 1) {
      const twice = toCached(double(t.point));
      let m = t.point;
      for (let j = 3; j <= maxDigit; j += 2) {
        m = add(m, twice);
        pos.push(toCached(m));
      }
    }
    digitRows.push(digits);
    tables.push({ pos, neg: pos.map(negateCached) });
    length = Math.max(length, digits.length);
  }
  // which positions have any addition: a doubling right before one of them must keep T
  const busy = new Uint8Array(length);
  for (const digits of digitRows) for (let i = 0; i < digits.length; i++) if (digits[i]) busy[i] = 1;
  let acc = IDENTITY;
  let started = false;
  for (let i = length - 1; i >= 0; i--) {
    if (started) acc = double(acc, busy[i] === 1 || i === 0);
    if (!busy[i]) continue;
    for (let t = 0; t < digitRows.length; t++) {
      const d = (digitRows[t] as Int8Array)[i];
      if (!d) continue;
      const table = tables[t] as { pos: Cached[]; neg: Cached[] };
      acc = add(acc, (d > 0 ? table.pos : table.neg)[(Math.abs(d) - 1) >> 1] as Cached);
      started = true;
    }
  }
  return acc;
}

/**
 * Pippenger's bucket method with signed c-bit windows: per window, each base is added once into the bucket of
 * its digit, and the buckets are summed with weights by running sums. Short scalars (128-bit batch weights)
 * drop out of the windows above their length.
 */
function pippenger(terms: readonly Term[], c: number): Ext {
  const maxBits = terms.reduce((m, t) => Math.max(m, t.bits), 0);
  const windows = Math.ceil((maxBits + 1) / c);
  const digits = terms.map((t) => signedWindows(t.scalar, c, Math.ceil((t.bits + 1) / c)));
  // decoded points have Z = 1, so their cached form takes the cheaper mixed addition
  const pos = terms.map((t) => ({ ext: t.point, cached: toCached(t.point) }));
  const neg = pos.map((p) => ({ ext: negate(p.ext), cached: negateCached(p.cached) }));
  const bucketCount = (1 << (c - 1)) + 1;
  let acc: Ext | null = null;
  for (let k = windows - 1; k >= 0; k--) {
    if (acc) for (let j = 0; j < c; j++) acc = double(acc, j === c - 1);
    const buckets: (Ext | null)[] = new Array(bucketCount).fill(null);
    for (let t = 0; t < terms.length; t++) {
      const row = digits[t] as Int32Array;
      if (k >= row.length) continue; // a short scalar has no digit this high
      const d = row[k] as number;
      if (d === 0) continue;
      const b = Math.abs(d);
      const p = (d > 0 ? pos[t] : neg[t]) as { ext: Ext; cached: Cached };
      const bucket = buckets[b];
      buckets[b] = bucket ? add(bucket, p.cached) : p.ext;
    }
    // Σ b·bucket[b] as running sums from the top bucket down: 2 additions per bucket
    let running: Ext | null = null;
    let sum: Ext | null = null;
    for (let b = bucketCount - 1; b >= 1; b--) {
      const bucket = buckets[b];
      if (bucket) running = running ? add(running, toCached(bucket)) : bucket;
      if (running) sum = sum ? add(sum, toCached(running)) : running;
    }
    if (sum) acc = acc ? add(acc, toCached(sum)) : sum;
  }
  return acc ?? IDENTITY;
}

/**
 * Estimated point operations of each method, to choose between them. Straus' count is weighted by 1.4: its
 * additions are projective and its tables cost conversions, where Pippenger mostly adds decoded (affine)
 * points; measured over 3…1,536 terms, that makes the two estimates cross where the timings do (near 100).
 */
function strausCost(terms: readonly Term[]): number {
  let ops = 0;
  let maxBits = 0;
  for (const t of terms) {
    ops += (t.bits > WNAF_WIDTH ? 1 << (WNAF_WIDTH - 2) : 1) + t.bits / (WNAF_WIDTH + 1);
    maxBits = Math.max(maxBits, t.bits);
  }
  return 1.4 * (ops + maxBits * 0.8); // a doubling costs about 0.8 of an addition
}

/**
 * The Pippenger window (2…maxWindow bits) with the fewest estimated point operations for terms of these bit
 * lengths. `maxWindow` is the bound of the implementation that will run it (its digit storage): the kernel's
 * `maxWindow` or MAX_SIGNED_WINDOW. For 252-bit terms it reaches 16 bits at about 491,000 terms.
 */
export function chooseWindow(terms: readonly { readonly bits: number }[], maxWindow: number): { c: number; cost: number } {
  const maxBits = terms.reduce((m, t) => Math.max(m, t.bits), 0);
  let best = { c: 0, cost: Number.POSITIVE_INFINITY };
  for (let c = 2; c <= maxWindow; c++) {
    let ops = 0;
    for (const t of terms) ops += Math.ceil((t.bits + 1) / c);
    const windows = Math.ceil((maxBits + 1) / c);
    ops += windows * (2 * (1 << (c - 1)) + 0.8 * c);
    if (ops < best.cost) best = { c, cost: ops };
  }
  return best;
}

/** A term of Σ sᵢ·Pᵢ after folding: s reduced mod ℓ and non-zero, and s·P = (ℓ − s)·(−P) where that is shorter. */
interface Folded {
  readonly base: RistrettoPoint;
  readonly scalar: bigint;
  readonly negated: boolean;
}

/** The non-zero terms, every scalar folded into (0, ℓ/2]: it also turns a coefficient −z into a short z. */
function foldTerms(points: readonly RistrettoPoint[], scalars: readonly bigint[]): Folded[] {
  if (points.length !== scalars.length) throw new RangeError('points and scalars differ in length');
  const terms: Folded[] = [];
  points.forEach((p, i) => {
    if (!(p instanceof ristretto255.Point)) throw new TypeError(`term ${i} is not a ristretto255 point`);
    let s = scalars[i] as bigint;
    if (typeof s !== 'bigint' || s < 0n) throw new RangeError(`term ${i} has no non-negative scalar`);
    s %= ORDER; // the group has prime order ℓ
    if (s === 0n) return;
    const negated = s > HALF_ORDER;
    terms.push({ base: p, scalar: negated ? ORDER - s : s, negated });
  });
  return terms;
}

/** The BigInt kernels' terms: the (possibly negated) base in extended coordinates and the exact bit length. */
function termsOf(points: readonly RistrettoPoint[], scalars: readonly bigint[]): Term[] {
  return foldTerms(points, scalars).map((f) => {
    const point = fromRistretto(f.base);
    return { ...f, point: f.negated ? negate(point) : point, bits: f.scalar.toString(2).length };
  });
}

const TWO_128 = 1n << 128n;

/**
 * For tests: `window` forces Pippenger with that many bits per digit (in the BigInt kernel, for the bases without
 * a table); `termsPerCall` cuts the WebAssembly kernel's work into smaller calls than KERNEL_MAX_TERMS.
 */
export interface CombinationOptions {
  readonly window?: number;
  readonly termsPerCall?: number;
}

/**
 * Σ sᵢ·Pᵢ in the kernel, one call per KERNEL_MAX_TERMS terms, the window chosen within the kernel's bound
 * (or forced). The result's coordinates are canonical.
 */
export function kernelCombination(
  kernel: WasmKernel,
  points: readonly RistrettoPoint[],
  scalars: readonly bigint[],
  options: CombinationOptions = {},
): Ext {
  const terms = foldTerms(points, scalars);
  const perCall = Math.min(options.termsPerCall ?? KERNEL_MAX_TERMS, KERNEL_MAX_TERMS);
  let sum = IDENTITY;
  for (let from = 0; from < terms.length; from += perCall) {
    const chunk = terms.length > perCall ? terms.slice(from, from + perCall) : terms;
    // the window only needs the scalars' rough lengths: batch weights are 128-bit, everything else full
    const lengths = chunk.map((t) => ({ bits: t.scalar < TWO_128 ? 128 : 252 }));
    const window = options.window ?? chooseWindow(lengths, kernel.maxWindow).c;
    const xyzt = viewOf(kernel.multiScalar(chunk, window));
    const part = new Ext(readLE256(xyzt, 0), readLE256(xyzt, 32), readLE256(xyzt, 64), readLE256(xyzt, 96));
    sum = from === 0 ? part : add(sum, toCached(part));
  }
  return sum;
}

/**
 * Σ scalars[i]·points[i] (as an Edwards representative), for non-negative scalars taken mod ℓ. A base
 * repeated as several terms is right but costs twice (callers merge them).
 */
export function linearCombination(
  points: readonly RistrettoPoint[],
  scalars: readonly bigint[],
  options: CombinationOptions = {},
): Ext {
  if (wasmKernel) return kernelCombination(wasmKernel, points, scalars, options);
  return bigintCombination(points, scalars, options);
}

/** The reference combination on BigInts (also the fallback where the WebAssembly kernel is not used). */
export function bigintCombination(
  points: readonly RistrettoPoint[],
  scalars: readonly bigint[],
  options: CombinationOptions = {},
): Ext {
  let fixed = IDENTITY;
  const variable: Term[] = [];
  for (const t of termsOf(points, scalars)) {
    const table = tableOf(t.base);
    // a table holds the original base: give it the original scalar
    if (table) fixed = addPublicMultiple(table, t.negated ? ORDER - t.scalar : t.scalar, fixed);
    else variable.push(t);
  }
  if (variable.length === 0) return fixed;
  let sum: Ext;
  if (options.window !== undefined) sum = pippenger(variable, options.window);
  else {
    const window = chooseWindow(variable, MAX_SIGNED_WINDOW);
    sum = window.cost < strausCost(variable) ? pippenger(variable, window.c) : straus(variable);
  }
  return add(sum, toCached(fixed));
}

/**
 * Whether Σ scalars[i]·points[i] is the identity of ristretto255. Exact: the sum is computed in full, then
 * ristretto255's equality decides: (X : Y : Z : T) is the identity exactly when X = 0 or Y = 0 (RFC 9496 §4.5
 * against (0 : 1 : 1 : 0)).
 */
export function isIdentityCombination(points: readonly RistrettoPoint[], scalars: readonly bigint[]): boolean {
  if (wasmKernel) {
    const sum = kernelCombination(wasmKernel, points, scalars);
    return canonical(sum.X) === 0n || canonical(sum.Y) === 0n;
  }
  return toRistretto(bigintCombination(points, scalars)).is0();
}
