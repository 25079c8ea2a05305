// Dealerless t-of-n key generation (spec §2.10): each trustee deals a random polynomial of degree t−1
// with Feldman commitments and a Schnorr proof per coefficient; the joint key is the sum of constant terms.
import { u32 } from '../bytes.ts';
import { G, IDENTITY, mod, mulPublic, mulSecret, type Point, randomNonZeroScalar, type Scalar } from '../group.ts';
import type { Equation } from '../proofs/equation.ts';
import { proveSchnorr, type SchnorrProof, schnorrEquations } from '../proofs/schnorr.ts';

/** Trustees are numbered 1…n; the index is the x-coordinate of their share. */
export type TrusteeIndex = number;

export interface Polynomial {
  /** a_0 … a_{t−1}; a_0 is this dealer's contribution to the election secret. */
  readonly coefficients: readonly Scalar[];
}

export interface DealerCommitment {
  readonly dealer: TrusteeIndex;
  /** C_k = a_k·G */
  readonly commitments: readonly Point[];
  /** A Schnorr proof of knowledge of each a_k, bound to the dealer and k. */
  readonly proofs: readonly SchnorrProof[];
}

export function assertThreshold(threshold: number, trustees: number): void {
  if (
    !Number.isSafeInteger(threshold) ||
    !Number.isSafeInteger(trustees) ||
    threshold < 1 ||
    trustees < threshold ||
    trustees > 255
  ) {
    throw new RangeError(`invalid threshold ${threshold} of ${trustees}`);
  }
}

export function randomPolynomial(threshold: number): Polynomial {
  return { coefficients: Array.from({ length: threshold }, () => randomNonZeroScalar()) };
}

function coefficientContext(context: readonly Uint8Array[], dealer: TrusteeIndex, k: number): Uint8Array[] {
  return [...context, u32(dealer), u32(k)];
}

/** C_k = a_k·G for every coefficient: what a dealer publishes, and what its boxes' proofs bind (spec §2.11). */
export function polynomialCommitments(polynomial: Polynomial): Point[] {
  return polynomial.coefficients.map((a) => mulSecret(G, a));
}

export function commitPolynomial(dealer: TrusteeIndex, polynomial: Polynomial, context: readonly Uint8Array[]): DealerCommitment {
  const commitments = polynomialCommitments(polynomial);
  const proofs = polynomial.coefficients.map((a, k) => proveSchnorr(a, coefficientContext(context, dealer, k)));
  return { dealer, commitments, proofs };
}

/** The proof equations of every coefficient; null when the commitment list has the wrong length or an identity. */
export function dealerCommitmentEquations(
  commitment: DealerCommitment,
  threshold: number,
  context: readonly Uint8Array[],
): Equation[] | null {
  if (commitment.commitments.length !== threshold || commitment.proofs.length !== threshold) return null;
  if (commitment.commitments.some((c) => c.is0())) return null;
  return commitment.commitments.flatMap((c, k) => {
    const proof = commitment.proofs[k] as SchnorrProof;
    return schnorrEquations(c, proof, coefficientContext(context, commitment.dealer, k));
  });
}

/** f(x) = Σ a_k x^k mod ℓ: the share this dealer gives trustee x. */
export function evaluatePolynomial(polynomial: Polynomial, x: TrusteeIndex): Scalar {
  let acc = 0n;
  const xb = BigInt(x);
  for (let k = polynomial.coefficients.length - 1; k >= 0; k--) acc = mod(acc * xb + (polynomial.coefficients[k] as Scalar));
  return acc;
}

/** Σ_k C_k·x^k = f(x)·G: what a correct share from this dealer must match. */
export function committedShare(commitments: readonly Point[], x: TrusteeIndex): Point {
  let acc = IDENTITY;
  const xb = BigInt(x);
  for (let k = commitments.length - 1; k >= 0; k--) acc = mulPublic(acc, xb).add(commitments[k] as Point);
  return acc;
}

/** Feldman check of a received share against the dealer's commitments. */
export function verifyShare(share: Scalar, recipient: TrusteeIndex, commitments: readonly Point[]): boolean {
  return mulSecret(G, share).equals(committedShare(commitments, recipient));
}

/** K = Σ over qualified dealers of C_{d,0}. */
export function jointPublicKey(dealers: readonly DealerCommitment[]): Point {
  return dealers.reduce((acc, d) => acc.add(d.commitments[0] as Point), IDENTITY);
}

/** Trustee x's verification key VK_x = Σ_d Σ_k C_{d,k}·x^k = s_x·G, checked against decryption shares. */
export function verificationKey(dealers: readonly DealerCommitment[], x: TrusteeIndex): Point {
  return dealers.reduce((acc, d) => acc.add(committedShare(d.commitments, x)), IDENTITY);
}

/** A trustee's final secret share s_x = Σ_d f_d(x) over the qualified dealers' shares it received. */
export function combineReceivedShares(shares: readonly Scalar[]): Scalar {
  return mod(shares.reduce((a, b) => a + b, 0n));
}
