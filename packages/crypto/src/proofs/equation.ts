// Verification equations as data (spec §2.9): every proof check reduces to Σ scalar·point = 0,
// which can be checked alone or folded with others into one multi-scalar multiplication.
import { mulAddUnsafe } from '@noble/curves/abstract/curve.js';
import { mod, Point, type Scalar } from '../group.ts';

/** Σ scalars[i]·points[i] must equal the identity. */
export interface Equation {
  readonly points: Point[];
  readonly scalars: Scalar[];
}

/** Builds an equation from (scalar, point) terms, reducing scalars mod ℓ. */
export function equation(...terms: readonly (readonly [Scalar, Point])[]): Equation {
  return { points: terms.map((t) => t[1]), scalars: terms.map((t) => mod(t[0])) };
}

/** Checks one equation on its own. */
export function equationHolds(eq: Equation): boolean {
  return mulAddUnsafe(Point, eq.points, eq.scalars, true).is0();
}
