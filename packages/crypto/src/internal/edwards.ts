// edwards25519 points in extended coordinates for the multiplication kernels (internal): verification,
// and the table walks for secret scalars. A ristretto255 element is carried by one of its Edwards
// representatives (RFC 9496 §4); these formulas work on the representative, and results go back to noble.

import type { EdwardsPoint } from '@noble/curves/abstract/edwards.js';
import { ed25519, ristretto255 } from '@noble/curves/ed25519.js';
import { canonical, invertAll, mul, P, sqr, sub } from './field.ts';

type RistrettoPoint = InstanceType<typeof ristretto255.Point>;

/** 2d, where d is the edwards25519 curve constant. */
const D2 = (2n * ed25519.Point.CURVE().d) % P;

/** (X : Y : Z : T) with x = X/Z, y = Y/Z, xy = T/Z; coordinates are loose residues (see field.ts). */
export class Ext {
  constructor(
    readonly X: bigint,
    readonly Y: bigint,
    readonly Z: bigint,
    readonly T: bigint,
  ) {}
}

/** A point ready to be added: (Y + X, Y − X, 2d·T, 2Z). With Z = 1 (tables; noble's decoder) Z2 = 2 saves a product. */
export class Cached {
  constructor(
    readonly YpX: bigint,
    readonly YmX: bigint,
    readonly T2d: bigint,
    readonly Z2: bigint,
  ) {}
}

export const IDENTITY = new Ext(0n, 1n, 1n, 0n);

export function toCached(p: Ext): Cached {
  return new Cached(p.Y + p.X, sub(p.Y, p.X), mul(p.T, D2), p.Z + p.Z);
}

/** −(x, y) = (−x, y): swaps Y + X with Y − X and negates T. */
export function negateCached(c: Cached): Cached {
  return new Cached(c.YmX, c.YpX, sub(0n, c.T2d), c.Z2);
}

export function negate(p: Ext): Ext {
  return new Ext(sub(0n, p.X), p.Y, p.Z, sub(0n, p.T));
}

/**
 * p + q, "add-2008-hwcd-3" for a = −1 (Hisil–Wong–Carter–Dawson 2008, as in the Explicit-Formulas Database):
 * complete on edwards25519, so right for every input, the identity and doublings included. 8M, or 7M when q is affine.
 */
export function add(p: Ext, q: Cached): Ext {
  const A = mul(sub(p.Y, p.X), q.YmX);
  const B = mul(p.Y + p.X, q.YpX);
  const C = mul(p.T, q.T2d);
  const D = q.Z2 === 2n ? p.Z + p.Z : mul(p.Z, q.Z2);
  const E = sub(B, A);
  const F = sub(D, C);
  const G = D + C;
  const H = B + A;
  return new Ext(mul(E, F), mul(G, H), mul(F, G), mul(E, H));
}

/**
 * 2p, "dbl-2008-hwcd" for a = −1: 4M + 4S, or 3M + 4S when `withT` is false (the result is then only fit
 * to be doubled again: its T is left 0). Computes every output coordinate negated, which is the same
 * projective point, so that no intermediate goes negative.
 */
export function double(p: Ext, withT = true): Ext {
  const A = sqr(p.X);
  const B = sqr(p.Y);
  const C = sqr(p.Z);
  const Hn = A + B; // −H
  const E = sub(sqr(p.X + p.Y), Hn); // (X + Y)² − A − B
  const G = sub(B, A); // a·A + B with a = −1
  const Fn = sub(C + C, G); // −F = 2Z² − G
  return new Ext(mul(E, Fn), mul(G, Hn), mul(Fn, G), withT ? mul(E, Hn) : 0n);
}

/** Converts a batch to affine cached form with one shared inversion: cheaper additions for table entries. */
export function toAffineCached(points: readonly Ext[]): Cached[] {
  const zInv = invertAll(points.map((p) => p.Z));
  return points.map((p, i) => {
    const zi = zInv[i] as bigint;
    const x = mul(p.X, zi);
    const y = mul(p.Y, zi);
    return new Cached(y + x, sub(y, x), mul(mul(x, y), D2), 2n);
  });
}

// noble keeps the Edwards representative of a ristretto255 element in its `ep` field. It is not in noble's
// type declarations, so it is reached through this one accessor, checked once when the module loads.
function edwardsOf(p: RistrettoPoint): EdwardsPoint {
  return (p as unknown as { readonly ep: EdwardsPoint }).ep;
}
if (!(edwardsOf(ristretto255.Point.BASE) instanceof ed25519.Point)) {
  throw new Error('@noble/curves no longer exposes the Edwards representative of ristretto255 points');
}

export function fromRistretto(p: RistrettoPoint): Ext {
  const ep = edwardsOf(p);
  return new Ext(ep.X, ep.Y, ep.Z, ep.T);
}

/** Back to a noble ristretto255 element (noble's constructor re-checks every coordinate's range). */
export function toRistretto(p: Ext): RistrettoPoint {
  const ep = new ed25519.Point(canonical(p.X), canonical(p.Y), canonical(p.Z), canonical(p.T));
  return new ristretto255.Point(ep);
}
