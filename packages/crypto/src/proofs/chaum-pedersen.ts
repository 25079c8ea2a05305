// Chaum–Pedersen proof of equal discrete logs (spec §2.6): log_B1(X1) = log_B2(X2).
// Used for decryption shares (B1 = G, X1 = verification key, B2 = α, X2 = share) and share-dealing complaints.
import { encodePoint, mod, mulSecret, type Point, randomNonZeroScalar, type Scalar } from '../group.ts';
import { hashToScalar, TAGS } from '../hash.ts';
import { type Equation, equation, equationHolds } from './equation.ts';

export interface DleqStatement {
  readonly base1: Point;
  readonly public1: Point;
  readonly base2: Point;
  readonly public2: Point;
}

export interface ChaumPedersenProof {
  readonly commitment1: Point;
  readonly commitment2: Point;
  readonly response: Scalar;
}

function challenge(context: readonly Uint8Array[], s: DleqStatement, a1: Point, a2: Point): Scalar {
  return hashToScalar(TAGS.chaumPedersenProof, [
    ...context,
    encodePoint(s.base1),
    encodePoint(s.public1),
    encodePoint(s.base2),
    encodePoint(s.public2),
    encodePoint(a1),
    encodePoint(a2),
  ]);
}

/** Proves that public1 = x·base1 and public2 = x·base2 for the same secret x. */
export function proveChaumPedersen(x: Scalar, statement: DleqStatement, context: readonly Uint8Array[]): ChaumPedersenProof {
  const w = randomNonZeroScalar();
  const commitment1 = mulSecret(statement.base1, w);
  const commitment2 = mulSecret(statement.base2, w);
  const c = challenge(context, statement, commitment1, commitment2);
  return { commitment1, commitment2, response: mod(w + c * x) };
}

/** s·B1 − c·X1 − A1 = 0 and s·B2 − c·X2 − A2 = 0 */
export function chaumPedersenEquations(
  statement: DleqStatement,
  proof: ChaumPedersenProof,
  context: readonly Uint8Array[],
): Equation[] {
  const c = challenge(context, statement, proof.commitment1, proof.commitment2);
  return [
    equation([proof.response, statement.base1], [-c, statement.public1], [-1n, proof.commitment1]),
    equation([proof.response, statement.base2], [-c, statement.public2], [-1n, proof.commitment2]),
  ];
}

export function verifyChaumPedersen(
  statement: DleqStatement,
  proof: ChaumPedersenProof,
  context: readonly Uint8Array[],
): boolean {
  return chaumPedersenEquations(statement, proof, context).every(equationHolds);
}
