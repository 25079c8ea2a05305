// Threshold decryption (spec §2.12): each trustee publishes D_x = s_x·α with a Chaum–Pedersen proof
// against its verification key; any t shares combine by Lagrange interpolation at 0.
import { u32 } from '../bytes.ts';
import type { Ciphertext } from '../elgamal.ts';
import { G, IDENTITY, mod, mulPublic, mulSecret, Point, type Scalar } from '../group.ts';
import { type ChaumPedersenProof, chaumPedersenEquations, proveChaumPedersen } from '../proofs/chaum-pedersen.ts';
import type { Equation } from '../proofs/equation.ts';
import type { TrusteeIndex } from './dealing.ts';

export interface DecryptionShare {
  readonly trustee: TrusteeIndex;
  readonly share: Point;
  readonly proof: ChaumPedersenProof;
}

function shareContext(context: readonly Uint8Array[], trustee: TrusteeIndex): Uint8Array[] {
  return [...context, u32(trustee)];
}

export function computeDecryptionShare(
  trustee: TrusteeIndex,
  secretShare: Scalar,
  ct: Ciphertext,
  context: readonly Uint8Array[],
): DecryptionShare {
  const share = mulSecret(ct.alpha, secretShare);
  const statement = { base1: G, public1: mulSecret(G, secretShare), base2: ct.alpha, public2: share };
  return { trustee, share, proof: proveChaumPedersen(secretShare, statement, shareContext(context, trustee)) };
}

/** log_G(VK_x) = log_α(D_x) */
export function decryptionShareEquations(
  d: DecryptionShare,
  verificationKey: Point,
  ct: Ciphertext,
  context: readonly Uint8Array[],
): Equation[] {
  const statement = { base1: G, public1: verificationKey, base2: ct.alpha, public2: d.share };
  return chaumPedersenEquations(statement, d.proof, shareContext(context, d.trustee));
}

/** λ_x = Π_{j≠x} j / (j − x) mod ℓ over the participating indices. */
export function lagrangeAtZero(indices: readonly TrusteeIndex[], x: TrusteeIndex): Scalar {
  // Checked up front: a repeated index never makes a denominator zero below, it silently gives a wrong λ.
  if (new Set(indices).size !== indices.length) throw new RangeError('duplicate trustee index');
  if (!indices.includes(x)) throw new RangeError('trustee index not among the participants');
  let num = 1n;
  let den = 1n;
  for (const j of indices) {
    if (j === x) continue;
    num = mod(num * BigInt(j));
    den = mod(den * BigInt(j - x));
  }
  return mod(num * Point.Fn.inv(den));
}

/** m·G = β − Σ λ_x·D_x from exactly the given (already verified, distinct) shares. */
export function combineDecryptionShares(ct: Ciphertext, shares: readonly { trustee: TrusteeIndex; share: Point }[]): Point {
  const indices = shares.map((s) => s.trustee);
  if (new Set(indices).size !== indices.length) throw new RangeError('duplicate trustee index');
  const xAlpha = shares.reduce((acc, s) => acc.add(mulPublic(s.share, lagrangeAtZero(indices, s.trustee))), IDENTITY);
  return ct.beta.subtract(xAlpha);
}
