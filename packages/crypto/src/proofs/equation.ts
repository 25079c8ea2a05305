// Verification equations as data (spec §2.9): every proof check reduces to Σ scalar·point = 0,
// which can be checked alone or folded with others into one multi-scalar multiplication.
import { mod, type Point, type Scalar } from '../group.ts';
import { isIdentityCombination } from '../internal/msm.ts';

/** Σ scalars[i]·points[i] must equal the identity. */
export interface Equation {
  readonly points: Point[];
  readonly scalars: Scalar[];
}

/** Builds an equation from (scalar, point) terms, reducing scalars mod ℓ. */
export function equation(...terms: readonly (readonly [Scalar, Point])[]): Equation {
  return { points: terms.map((t) => t[1]), scalars: terms.map((t) => mod(t[0])) };
}

/**
 * Checks one equation on its own, exactly (no random weights). G and a prepared election key use their
 * precomputed tables; the other points share one doubling chain (src/internal/msm.ts).
 */
export function equationHolds(eq: Equation): boolean {
  return isIdentityCombination(eq.points, eq.scalars);
}
