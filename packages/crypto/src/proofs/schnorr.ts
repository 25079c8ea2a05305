// Schnorr proof of knowledge of x with X = x·B (spec §2.5): trustee keys and polynomial coefficients.
import { encodePoint, G, mod, mulSecret, type Point, randomNonZeroScalar, type Scalar } from '../group.ts';
import { hashToScalar, TAGS } from '../hash.ts';
import { type Equation, equation, equationHolds } from './equation.ts';

export interface SchnorrProof {
  readonly commitment: Point;
  readonly response: Scalar;
}

function challenge(context: readonly Uint8Array[], base: Point, publicKey: Point, commitment: Point): Scalar {
  return hashToScalar(TAGS.schnorrProof, [...context, encodePoint(base), encodePoint(publicKey), encodePoint(commitment)]);
}

/** Proves knowledge of `secret` where publicKey = secret·base, bound to `context`. */
export function proveSchnorr(secret: Scalar, context: readonly Uint8Array[], base: Point = G): SchnorrProof {
  const publicKey = mulSecret(base, secret);
  const w = randomNonZeroScalar();
  const commitment = mulSecret(base, w);
  const c = challenge(context, base, publicKey, commitment);
  return { commitment, response: mod(w + c * secret) };
}

/** response·B − c·X − A = 0 */
export function schnorrEquations(
  publicKey: Point,
  proof: SchnorrProof,
  context: readonly Uint8Array[],
  base: Point = G,
): Equation[] {
  const c = challenge(context, base, publicKey, proof.commitment);
  return [equation([proof.response, base], [-c, publicKey], [-1n, proof.commitment])];
}

export function verifySchnorr(publicKey: Point, proof: SchnorrProof, context: readonly Uint8Array[], base: Point = G): boolean {
  if (publicKey.is0()) return false;
  return schnorrEquations(publicKey, proof, context, base).every(equationHolds);
}
