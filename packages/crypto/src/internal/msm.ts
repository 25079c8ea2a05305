// Variable-time multi-scalar multiplication for verification (spec §2.9; internal, public inputs only):
// decides whether Σ sᵢ·Pᵢ is the identity. Bases with a precomputed table (G, a prepared election key) cost
// one addition per 8 scalar bits and no doublings; the others go through Straus' interleaved wNAF (few points)
// or Pippenger's buckets (many points), whichever the operation count says is cheaper.
import { ristretto255 } from '@noble/curves/ed25519.js';
import {
  add,
  type Cached,
  double,
  type Ext,
  fromRistretto,
  IDENTITY,
  negate,
  negateCached,
  toCached,
  toRistretto,
} from './edwards.ts';
import { signedWindows, wnaf } from './recoding.ts';
import { addPublicMultiple, tableOf } from './tables.ts';

type RistrettoPoint = InstanceType<typeof ristretto255.Point>;

const ORDER = ristretto255.Point.Fn.ORDER;
const HALF_ORDER = ORDER >> 1n;

/** A base with a scalar in (0, ℓ/2]: larger scalars were folded into the negated base. */
interface Term {
  readonly point: Ext;
  readonly scalar: bigint;
  readonly bits: number;
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

function bestWindow(terms: readonly Term[]): { c: number; cost: number } {
  const maxBits = terms.reduce((m, t) => Math.max(m, t.bits), 0);
  let best = { c: 0, cost: Number.POSITIVE_INFINITY };
  for (let c = 2; c <= 16; c++) {
    let ops = 0;
    for (const t of terms) ops += Math.ceil((t.bits + 1) / c);
    const windows = Math.ceil((maxBits + 1) / c);
    ops += windows * (2 * (1 << (c - 1)) + 0.8 * c);
    if (ops < best.cost) best = { c, cost: ops };
  }
  return best;
}

/**
 * Σ scalars[i]·points[i] (as an Edwards representative), for non-negative scalars taken mod ℓ. A base
 * repeated as several terms is right but costs twice (callers merge them).
 */
export function linearCombination(points: readonly RistrettoPoint[], scalars: readonly bigint[]): Ext {
  if (points.length !== scalars.length) throw new RangeError('points and scalars differ in length');
  let fixed = IDENTITY;
  const terms: Term[] = [];
  points.forEach((p, i) => {
    if (!(p instanceof ristretto255.Point)) throw new TypeError(`term ${i} is not a ristretto255 point`);
    let s = scalars[i] as bigint;
    if (typeof s !== 'bigint' || s < 0n) throw new RangeError(`term ${i} has no non-negative scalar`);
    s %= ORDER; // the group has prime order ℓ
    if (s === 0n) return;
    const table = tableOf(p);
    if (table) {
      fixed = addPublicMultiple(table, s, fixed);
      return;
    }
    let point = fromRistretto(p);
    // s·P = (ℓ − s)·(−P): keeps every scalar ≤ ℓ/2, and turns a coefficient −z into a short z
    if (s > HALF_ORDER) {
      s = ORDER - s;
      point = negate(point);
    }
    terms.push({ point, scalar: s, bits: s.toString(2).length });
  });
  if (terms.length === 0) return fixed;
  const window = bestWindow(terms);
  const variable = window.cost < strausCost(terms) ? pippenger(terms, window.c) : straus(terms);
  return add(variable, toCached(fixed));
}

/**
 * Whether Σ scalars[i]·points[i] is the identity of ristretto255. Exact: the sum is computed in full, then
 * noble's ristretto255 equality decides whether it is the identity.
 */
export function isIdentityCombination(points: readonly RistrettoPoint[], scalars: readonly bigint[]): boolean {
  return toRistretto(linearCombination(points, scalars)).is0();
}
